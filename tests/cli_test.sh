#!/usr/bin/env bash
# End-to-end test of the `contextmap` command, as a person would use it, on SQLite.
# Usage: tests/cli_test.sh PATH/TO/contextmap SOURCE_DIR
set -uo pipefail
cm=$(realpath "$1")
src=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
today=2026-11-23

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
expect_rc() {  # expect_rc WANT DESCRIPTION -- COMMAND...
  local want=$1 what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [[ $rc == "$want" ]]; then ok; else bad "$what: exit $rc, wanted $want"; cat "$work/err" >&2; fi
}
contains() {  # contains FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok; else bad "$3: '$2' not in $1"; head -20 "$1" >&2; fi
}
lacks() {
  if grep -qF -- "$2" "$1"; then bad "$3: '$2' found in $1"; else ok; fi
}

db="sqlite:$work/var/one.db"
expect_rc 0 "demo loads" -- "$cm" --db "$db" --today $today demo
contains "$work/out" "map-county-line" "demo lists mappings"
contains "$work/out" "all invented" "demo says the data is invented"
expect_rc 0 "demo again is harmless" -- "$cm" --db "$db" --today $today demo
contains "$work/out" "already" "second demo says it is already there"

# The demo's sign-in: one password for its accounts of each role, a QR code of each second
# factor, and `demo code` for the current code; none of it on a store demo did not make.
expect_rc 0 "demo again prints sign-in details" -- "$cm" --db "$db" --today $today demo
password=$(grep -oE 'demo-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}' "$work/out" | head -1)
if [[ -n $password ]]; then ok; else bad "demo prints a password"; fi
for who in priya.example hannah.fictional sam.pretend grace.madeup robert.placeholder \
           alex.placeholder; do
  contains "$work/out" "$who (" "demo prints a QR code for $who"
done
if [[ $(grep -c $'\u2588' "$work/out") -ge 60 ]]; then ok; else bad "demo draws QR codes"; fi
expect_rc 0 "demo code" -- "$cm" --db "$db" demo code priya.example
if grep -qxE '[0-9]{6}' "$work/out"; then ok; else bad "demo code prints six digits"; fi
expect_rc 1 "demo code: nobody" -- "$cm" --db "$db" demo code nobody.here
expect_rc 2 "demo code: no username" -- "$cm" --db "$db" demo code
real="sqlite:$work/var/real.db"
expect_rc 0 "real store: init" -- "$cm" --db "$real" --today $today init
echo "a long enough password" >"$work/realpw"
printf '%s' '{"format":"contextmap-bundle","format_version":1,"agencies":[{"id":"agy-real",
  "name":"Real Agency","sector":"police"}]}' >"$work/real-agency.json"
expect_rc 0 "real store: an agency" -- "$cm" --db "$real" import "$work/real-agency.json"
expect_rc 0 "real store: an account" -- sh -c "'$cm' --db '$real' user add real.person \
  --full-name 'Real Person' --agency agy-real --role chair <'$work/realpw'"
expect_rc 1 "demo refused on a store it did not make" -- "$cm" --db "$real" --today $today demo
contains "$work/err" "did not put there" "demo refused: says why"
expect_rc 0 "real store: still no mappings" -- "$cm" --db "$real" mappings
contains "$work/out" "No mappings yet" "the refused demo loaded nothing"
expect_rc 1 "demo code refused on a real store" -- "$cm" --db "$real" demo code real.person
contains "$work/err" "only for a store" "demo code refused: says why"
lacks "$work/out" "0" "demo code refused: no code printed"

expect_rc 2 "show without a reason" -- "$cm" --db "$db" --today $today show map-county-line
contains "$work/err" "show needs --reason" "show without a reason: says what is missing"
expect_rc 0 "show" -- "$cm" --db "$db" --today $today show --reason "cli test" map-county-line
for want in "Network - county line to the coast" "Children (" "Adults of concern (" \
            "Places of concern (" "Links (" "Open actions (" "Next due:"; do
  contains "$work/out" "$want" "show"
done
expect_rc 1 "show of a missing mapping" -- "$cm" --db "$db" show --reason "cli test" map-nothing
contains "$work/err" "there is no mapping map-nothing" "missing mapping message"

expect_rc 0 "mappings" -- "$cm" --db "$db" --today $today mappings
contains "$work/out" "NEXT DUE" "mappings header"

# Export, import into a second store, export again: byte for byte the same.
expect_rc 0 "export" -- "$cm" --db "$db" export --reason "cli test" "$work/all.json"
expect_rc 0 "import into an empty store" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/all.json"
expect_rc 0 "export again" -- "$cm" --db "sqlite:$work/var/two.db" export --reason "cli test" "$work/again.json"
if cmp -s "$work/all.json" "$work/again.json"; then ok; else bad "export -> import -> export differs"; fi
expect_rc 0 "mapping export to stdout" -- "$cm" --db "$db" export --reason "cli test" --mapping map-individual-cse -
contains "$work/out" '"scope":"mapping"' "mapping export scope"

# The export is valid against the published JSON Schema, and the schema is current.
expect_rc 0 "schema" -- "$cm" schema
if cmp -s "$work/out" "$src/docs/bundle.schema.json"; then ok; else bad "docs/bundle.schema.json is stale"; fi
if python3 - "$src/docs/bundle.schema.json" "$work/all.json" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
PY
then ok; else bad "exported bundle does not validate against docs/bundle.schema.json"; fi

# A bad bundle changes nothing and names every problem.
python3 - "$work/all.json" "$work/bad.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["subjects"][3]["dob"] = "2011-02-31"
b["links"][0]["to_subject_id"] = "sub-does-not-exist"
b["information"][0]["handling"] = "C"
b["information"][0].pop("handling_conditions", None)
b["agencies"].append(dict(b["agencies"][0]))
json.dump(b, open(sys.argv[2], "w"))
PY
cp "$work/var/two.db" "$work/before.db"
expect_rc 0 "export before" -- "$cm" --db "sqlite:$work/var/two.db" export --reason "cli test" "$work/before.json"
expect_rc 1 "bad bundle is refused" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/bad.json"
contains "$work/err" "/subjects/3/dob: 2011-02-31 is not a date" "date problem named"
expect_rc 0 "export after" -- "$cm" --db "sqlite:$work/var/two.db" export --reason "cli test" "$work/after.json"
if cmp -s "$work/before.json" "$work/after.json"; then ok; else bad "a refused import changed the store"; fi
# Fix the date: the other three problems are then all listed together.
python3 - "$work/bad.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1])); b["subjects"][3]["dob"] = "2011-02-03"; json.dump(b, open(sys.argv[1], "w"))
PY
expect_rc 1 "remaining problems" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/bad.json"
contains "$work/err" "/links/0/to_subject_id" "dangling link named"
contains "$work/err" "/information/0/handling_conditions" "missing conditions named"
contains "$work/err" "is already used by /agencies/0" "duplicate id named"
contains "$work/err" "nothing was imported" "all or nothing said"

# Each kind of bad input is refused with a message naming the problem, and writes nothing.
python3 - "$work/all.json" "$work" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
good = json.load(open(src))
def write(name, text):
    open(os.path.join(out, name), "wb").write(text if isinstance(text, bytes) else text.encode())
def variant(name, change):
    b = json.loads(json.dumps(good)); change(b); write(name, json.dumps(b))
write("bad-malformed.json", '{"format":"contextmap-bundle","format_version":1,"agencies":[{"id":"a",}]}')
variant("bad-types.json", lambda b: b["links"][0].update(strength="3"))
variant("bad-enum.json", lambda b: b["subjects"][0].update(kind="wizard"))
variant("bad-dangling.json", lambda b: b["links"][0].update(from_subject_id="sub-nobody"))
variant("bad-duplicate.json", lambda b: b["subjects"].append(dict(b["subjects"][0])))
variant("bad-future-dob.json", lambda b: next(s for s in b["subjects"] if "dob" in s).update(dob="2099-01-01"))
variant("bad-self-link.json", lambda b: b["links"][0].update(to_subject_id=b["links"][0]["from_subject_id"]))
def no_conditions(b):
    i = b["information"][0]; i["handling"] = "C"; i.pop("handling_conditions", None)
variant("bad-no-conditions.json", no_conditions)
write("bad-deep.json", '{"format":"contextmap-bundle","format_version":1,"agencies":[' + "[" * 100000 + "]" * 100000 + "]}")
text = json.dumps(good, separators=(",", ":")).encode()
assert b'"name":"' in text
write("bad-utf8.json", text.replace(b'"name":"', b'"name":"' + bytes([0xC3, 0x28]), 1))
write("bad-junk.json", b"{" + os.urandom(50 << 20))
PY
expect_rc 0 "export before bad inputs" -- "$cm" --db "sqlite:$work/var/two.db" export --reason "cli test" "$work/before.json"
declare -A says=(
  [bad-malformed.json]="not valid JSON at byte"
  [bad-types.json]="/links/0/strength: must be a whole number"
  [bad-enum.json]="/subjects/0/kind: 'wizard' is not a known value"
  [bad-dangling.json]="/links/0/from_subject_id: refers to subject sub-nobody, which does not exist"
  [bad-duplicate.json]="is already used by /subjects/0"
  [bad-future-dob.json]="is in the future"
  [bad-self-link.json]="/links/0/to_subject_id"
  [bad-no-conditions.json]="/information/0/handling_conditions: are required"
  [bad-deep.json]="nesting is deeper than"
  [bad-utf8.json]="UTF-8"
  [bad-junk.json]="not valid JSON at byte"
)
for f in "${!says[@]}"; do
  expect_rc 1 "$f is refused" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/$f"
  contains "$work/err" "${says[$f]}" "$f message"
  contains "$work/err" "nothing was imported" "$f says nothing was imported"
  lacks "$work/err" "terminate called" "$f crash"
done
expect_rc 0 "export after bad inputs" -- "$cm" --db "sqlite:$work/var/two.db" export --reason "cli test" "$work/after.json"
if cmp -s "$work/before.json" "$work/after.json"; then ok; else bad "a bad input changed the store"; fi

# Malformed input, missing files, bad options: a clear message, no trace.
printf '{"format": "contextmap-bundle", ' >"$work/cut.json"
expect_rc 1 "truncated JSON" -- "$cm" --db "sqlite:$work/var/two.db" import "$work/cut.json"
contains "$work/err" "not valid JSON at byte" "truncated JSON message"
expect_rc 1 "missing file" -- "$cm" --db "sqlite:$work/var/two.db" import "$work/nope.json"
contains "$work/err" "cannot open" "missing file message"
expect_rc 2 "unknown command" -- "$cm" frobnicate
expect_rc 2 "bad --today" -- "$cm" --today 2026-02-30 mappings
contains "$work/err" "is not a date" "bad --today message"
expect_rc 1 "unknown store" -- "$cm" --db "mysql://x" mappings
contains "$work/err" "use sqlite:PATH or postgresql://" "unknown store message"
expect_rc 1 "postgres password never printed" -- "$cm" --db "postgresql://u:hunter2@127.0.0.1:1/x" mappings
lacks "$work/err" "hunter2" "password in error"
for f in "$work/err"; do lacks "$f" "terminate called" "no crash"; done

# The audit log: exports need a reason; every import and export is recorded in a hash chain
# that `audit verify` checks and `audit who-viewed` reads.
expect_rc 2 "export without --reason" -- "$cm" --db "$db" export "$work/noreason.json"
contains "$work/err" "export needs --reason" "missing reason message"
if [[ -e $work/noreason.json ]]; then bad "an export without a reason wrote a file"; else ok; fi
expect_rc 2 "--reason with another command" -- "$cm" --db "$db" --reason "x" mappings
adb="sqlite:$work/var/audit.db"
expect_rc 0 "audit: demo" -- "$cm" --db "$adb" --today $today demo
expect_rc 0 "audit: verify after demo" -- "$cm" --db "$adb" audit verify
# Loading the demo is an import like any other: recorded, in the import's own transaction.
if [[ $(sqlite3 "$work/var/audit.db" "SELECT count(*) FROM audit_log WHERE action = 'import'") -gt 0 ]]
then ok; else bad "demo wrote no audit rows"; fi
CONTEXTMAP_ACTOR=usr-test-dpo expect_rc 0 "audit: mapping export" -- \
  "$cm" --db "$adb" export --mapping map-county-line --reason "strategy meeting" "$work/cl.json"
expect_rc 0 "audit: import" -- "$cm" --db "sqlite:$work/var/audit2.db" --today $today \
  import --reason "transfer in" "$work/cl.json"
expect_rc 0 "audit: whole export" -- "$cm" --db "$adb" export --reason "annual review" "$work/a.json"
expect_rc 0 "audit: verify after demo, import and export" -- "$cm" --db "$adb" audit verify
contains "$work/out" "Audit log intact:" "verify passes"
expect_rc 0 "audit: verify the importing store" -- "$cm" --db "sqlite:$work/var/audit2.db" audit verify
expect_rc 0 "audit: who-viewed" -- "$cm" --db "$adb" audit who-viewed sub-child-03
for want in "WHEN" "usr-test-dpo" "export" "map-county-line" "strategy meeting" "annual review" "cli"; do
  contains "$work/out" "$want" "who-viewed lists the exports"
done
lacks "$work/out" "Kai" "who-viewed shows no names"
expect_rc 0 "audit: who-viewed on the importing store" -- \
  "$cm" --db "sqlite:$work/var/audit2.db" audit who-viewed sub-child-03
contains "$work/out" "transfer in" "who-viewed lists the import"
expect_rc 0 "audit: who-viewed of nobody" -- "$cm" --db "$adb" audit who-viewed sub-nobody
contains "$work/out" "No audit entries" "who-viewed of nobody"
# show is a view of everyone on the mapping: recorded, with its reason.
CONTEXTMAP_ACTOR=usr-test-viewer expect_rc 0 "audit: show with a reason" -- \
  "$cm" --db "$adb" --today $today show --reason "preparing the review" map-county-line
expect_rc 0 "audit: who-viewed lists the show" -- "$cm" --db "$adb" audit who-viewed sub-child-03
contains "$work/out" "usr-test-viewer" "who-viewed lists the viewer"
contains "$work/out" "preparing the review" "who-viewed lists the show's reason"
expect_rc 0 "audit: verify after show" -- "$cm" --db "$adb" audit verify

expect_rc 2 "audit without a subcommand" -- "$cm" --db "$adb" audit
# The key file beside the database, made by the store, for its owner only; the anchor beside it.
expect_rc 0 "audit: verify" -- "$cm" --db "$adb" audit verify
if [[ $(stat -c %a "$work/var/audit.keys") == 600 ]]; then ok; else bad "key file is not 0600"; fi
contains "$work/out" "Anchor: row " "verify checks the anchor file"
contains "$work/out" "Newest row: " "verify prints the newest row to keep elsewhere"
anchor=$(sed -n 's/^Newest row: //p' "$work/out")
# The store itself refuses to change audit rows.
refused() {  # refused DESCRIPTION SQL: sqlite3 must fail, naming the rule
  if sqlite3 "$work/var/audit.db" "$2" 2>"$work/err"; then bad "$1: sqlite3 succeeded"; else ok; fi
  contains "$work/err" "append-only" "$1 names the rule"
}
refused "audit: UPDATE refused by the store" "UPDATE audit_log SET reason='x' WHERE seq=2"
refused "audit: DELETE refused by the store" "DELETE FROM audit_log WHERE seq=3"
# Someone who drops the triggers can edit rows, and verify names the row.
sqlite3 "$work/var/audit.db" "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
original=$(sqlite3 "$work/var/audit.db" "SELECT quote(reason) FROM audit_log WHERE seq=2")
sqlite3 "$work/var/audit.db" "UPDATE audit_log SET reason='x' WHERE seq=2"
expect_rc 1 "audit: an edited row is detected" -- "$cm" --db "$adb" audit verify
contains "$work/err" "row 2 was edited" "edited row named"
sqlite3 "$work/var/audit.db" "UPDATE audit_log SET reason=$original WHERE seq=2"
expect_rc 0 "audit: restored row verifies" -- "$cm" --db "$adb" audit verify
expect_rc 0 "audit: verify against a copied anchor" -- "$cm" --db "$adb" audit verify --anchor "$anchor"
contains "$work/out" "Anchor given: row" "the given anchor is checked"
expect_rc 2 "audit: a malformed anchor" -- "$cm" --db "$adb" audit verify --anchor "3:nothex"
newest=${anchor%%:*}
sqlite3 "$work/var/audit.db" "DELETE FROM audit_log WHERE seq=$newest"
expect_rc 1 "audit: removal of the newest row is detected" -- "$cm" --db "$adb" audit verify
contains "$work/err" "the newest rows were removed" "removed newest row named"
rm "$work/var/audit.anchor"
expect_rc 1 "audit: ... also by a copy kept elsewhere" -- \
  "$cm" --db "$adb" audit verify --anchor "$anchor"
sqlite3 "$work/var/audit.db" "DELETE FROM audit_log WHERE seq=3"
expect_rc 1 "audit: a removed middle row is detected" -- "$cm" --db "$adb" audit verify
contains "$work/err" "row 4 does not follow row 2 (row 3 is missing)" "removed row named"

# Keys: second-factor secrets are sealed at rest; a missing key file is refused, not remade.
kdb="$work/var/keys.db"
expect_rc 0 "keys: demo" -- "$cm" --db "sqlite:$kdb" --today $today demo
echo "a long enough password" >"$work/pw"
expect_rc 0 "keys: user add" -- sh -c "'$cm' --db 'sqlite:$kdb' user add key.test \
  --full-name 'Key Test' --agency agy-police --role chair <'$work/pw'"
secret=$(sed -n 's/^  \([A-Z2-7]\{16,\}\)$/\1/p' "$work/out" | head -1)
if [[ -n $secret ]]; then ok; else bad "user add printed no secret"; fi
stored=$(sqlite3 "$kdb" "SELECT totp_secret FROM credentials")
if [[ $stored == sealed-v1:1:* && $stored != *"$secret"* ]]; then ok; else
  bad "the secret is stored readable: $stored"; fi
expect_rc 0 "keys: rotate" -- "$cm" --db "sqlite:$kdb" keys rotate
contains "$work/out" "Added key 2" "rotate names the new key"
stored=$(sqlite3 "$kdb" "SELECT totp_secret FROM credentials")
if [[ $stored == sealed-v1:2:* ]]; then ok; else bad "rotate did not reseal: $stored"; fi
expect_rc 0 "keys: verify after rotation" -- "$cm" --db "sqlite:$kdb" audit verify
expect_rc 1 "keys: create over an existing key file" -- "$cm" --db "sqlite:$kdb" keys create
contains "$work/err" "never replaced" "an existing key file is never replaced"
mv "$work/var/keys.keys" "$work/keys.backup"
expect_rc 1 "keys: a missing key file is refused" -- "$cm" --db "sqlite:$kdb" user list
contains "$work/err" "Restore the key file" "missing key file message"
if [[ -e $work/var/keys.keys ]]; then bad "a new key file was made over a lost one"; else ok; fi
mv "$work/keys.backup" "$work/var/keys.keys"
expect_rc 0 "keys: restored" -- "$cm" --db "sqlite:$kdb" user list

# Accounts: the password comes from stdin; the second factor and recovery codes are printed once.
udb="sqlite:$work/var/users.db"
expect_rc 0 "users: init" -- "$cm" --db "$udb" --today $today demo
echo "a long enough password" >"$work/pw"
expect_rc 0 "user add" -- sh -c "'$cm' --db '$udb' user add test.chair --full-name 'Test Chair' \
  --agency agy-police --role chair <'$work/pw'"
contains "$work/out" "otpauth://totp/ContextMap:test.chair?secret=" "user add prints the TOTP URI"
if [[ $(grep -cE '^  [a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$' "$work/out") == 10 ]]; then ok; else
  bad "user add prints ten recovery codes"; cat "$work/out" >&2; fi
lacks "$work/out" "a long enough password" "the password is never printed"
expect_rc 1 "user add: taken username" -- sh -c "'$cm' --db '$udb' user add test.chair \
  --full-name 'Other' --agency agy-police --role chair <'$work/pw'"
contains "$work/err" "username" "taken username names the field"
echo "short" >"$work/short"
expect_rc 1 "user add: short password" -- sh -c "'$cm' --db '$udb' user add test.two \
  --full-name 'Test Two' --agency agy-police --role analyst <'$work/short'"
contains "$work/err" "password" "short password names the field"
expect_rc 2 "user add: unknown role" -- sh -c "'$cm' --db '$udb' user add test.three \
  --full-name 'Test Three' --agency agy-police --role boss <'$work/pw'"
contains "$work/err" "strategic_viewer" "unknown role lists the roles"
expect_rc 1 "user add: unknown agency" -- sh -c "'$cm' --db '$udb' user add test.four \
  --full-name 'Test Four' --agency agy-nowhere --role chair <'$work/pw'"
contains "$work/err" "agency_id" "unknown agency names the field"
expect_rc 2 "--role without user add" -- "$cm" --db "$udb" --role chair mappings
expect_rc 0 "user list" -- "$cm" --db "$udb" user list
contains "$work/out" "test.chair	chair	agy-police	yes" "user list shows the new account"
contains "$work/out" "no credentials" "demo users cannot sign in until reset"
expect_rc 0 "user reset" -- sh -c "'$cm' --db '$udb' user reset priya.example <'$work/pw'"
contains "$work/out" "Recovery codes" "reset issues new codes"
expect_rc 0 "user disable" -- "$cm" --db "$udb" user disable test.chair
expect_rc 0 "user list after disable" -- "$cm" --db "$udb" user list
contains "$work/out" "test.chair	chair	agy-police	disabled" "disabled account listed"
expect_rc 1 "user disable: nobody" -- "$cm" --db "$udb" user disable nobody.here
# Every account change has its audit row, naming the account by id only.
account_rows=$(sqlite3 "$work/var/users.db" "SELECT action || ' ' || record_kind || ' ' || outcome
  FROM audit_log WHERE action LIKE 'user_%' ORDER BY seq")
demo_resets=$(printf 'user_reset users ok\n%.0s' 1 2 3 4 5 6)
if [[ $account_rows == "${demo_resets}"$'\nuser_add users ok\nuser_reset users ok\nuser_disable users ok' ]]; then ok
else bad "account changes audited: got '$account_rows'"; fi
if sqlite3 "$work/var/users.db" "SELECT * FROM audit_log" | grep -q "test.chair"; then
  bad "a username reached the audit log"; else ok; fi

# Text that is not UTF-8 is a usage error wherever it is typed, naming the option or argument
# without echoing the bytes, and changes nothing (no audit row, no account).
latin1=$'caf\xe9'
audit_rows() { sqlite3 "$work/var/users.db" "SELECT count(*) FROM audit_log"; }
rows_before=$(audit_rows)
not_utf8() {  # not_utf8 FIELD DESCRIPTION -- COMMAND...
  local field=$1 what=$2; shift 2
  expect_rc 2 "$what" "$@"
  contains "$work/err" "$field: is not valid UTF-8 text" "$what: names $field"
  if LC_ALL=C grep -q $'\xe9' "$work/err"; then bad "$what: the bytes are echoed"; else ok; fi
}
not_utf8 --reason "not UTF-8: --reason" -- "$cm" --db "$udb" show --reason "$latin1" map-county-line
not_utf8 --mapping "not UTF-8: --mapping" -- \
  "$cm" --db "$udb" export --reason "cli test" --mapping="map-$latin1" "$work/x.json"
not_utf8 "argument 2" "not UTF-8: a mapping id" -- "$cm" --db "$udb" show "map-$latin1"
not_utf8 "argument 3" "not UTF-8: a subject id" -- "$cm" --db "$udb" audit who-viewed "sub-$latin1"
not_utf8 "argument 3" "not UTF-8: a username" -- sh -c "'$cm' --db '$udb' user add 'test.$latin1' \
  --full-name 'Test Five' --agency agy-police --role chair <'$work/pw'"
not_utf8 --full-name "not UTF-8: --full-name" -- sh -c "'$cm' --db '$udb' user add test.five \
  --full-name 'Zo $latin1' --agency agy-police --role chair <'$work/pw'"
not_utf8 --position "not UTF-8: --position" -- sh -c "'$cm' --db '$udb' user add test.five \
  --full-name 'Test Five' --agency agy-police --role chair --position='$latin1' <'$work/pw'"
not_utf8 --email "not UTF-8: --email" -- sh -c "'$cm' --db '$udb' user add test.five \
  --full-name 'Test Five' --agency agy-police --role chair --email '$latin1@example.org' <'$work/pw'"
if [[ $(audit_rows) == "$rows_before" ]]; then ok; else bad "not UTF-8: an audit row was written"; fi
expect_rc 0 "user list after text that is not UTF-8" -- "$cm" --db "$udb" user list
lacks "$work/out" "test.five" "not UTF-8: no account was added"

# The server: starts, answers, stops cleanly on SIGTERM; bad options are usage errors.
expect_rc 2 "serve: bad --listen" -- "$cm" --db "$udb" serve --listen "localhost:http"
expect_rc 2 "serve: bad --threads" -- "$cm" --db "$udb" serve --threads 2
expect_rc 2 "--listen without serve" -- "$cm" --db "$udb" --listen 127.0.0.1:1 mappings
expect_rc 2 "--web without serve" -- "$cm" --db "$udb" --web "$work" mappings
expect_rc 1 "serve: --web without a build" -- "$cm" --db "$udb" serve --listen 127.0.0.1:0 \
  --web "$work/no-such-build"
port=$((20000 + RANDOM % 20000))
"$cm" --db "$udb" serve --listen "127.0.0.1:$port" >"$work/serve.out" 2>"$work/serve.log" &
server=$!
health=""
for _ in $(seq 50); do
  health=$(python3 -c "import urllib.request,sys; print(urllib.request.urlopen('http://127.0.0.1:$port/api/v1/health').read().decode())" 2>/dev/null) && break
  sleep 0.1
done
if [[ $health == *'"status":"ok"'* ]]; then ok; else bad "serve answers /api/v1/health: $health"; fi
expect_rc 1 "serve: the port is taken" -- "$cm" --db "$udb" serve --listen "127.0.0.1:$port"
contains "$work/err" "could not listen" "taken port message"
kill -TERM $server
if wait $server; then ok; else bad "serve exits 0 on SIGTERM"; fi
contains "$work/serve.log" "GET /api/v1/health 200" "the request log names the route"
expect_rc 0 "openapi" -- "$cm" openapi
if cmp -s "$work/out" "$src/docs/openapi.json"; then ok; else bad "docs/openapi.json is stale"; fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
