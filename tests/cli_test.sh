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

expect_rc 0 "show" -- "$cm" --db "$db" --today $today show map-county-line
for want in "Network - county line to the coast" "Children (" "Adults of concern (" \
            "Places of concern (" "Links (" "Open actions (" "Next due:"; do
  contains "$work/out" "$want" "show"
done
expect_rc 1 "show of a missing mapping" -- "$cm" --db "$db" show map-nothing
contains "$work/err" "there is no mapping map-nothing" "missing mapping message"

expect_rc 0 "mappings" -- "$cm" --db "$db" --today $today mappings
contains "$work/out" "NEXT DUE" "mappings header"

# Export, import into a second store, export again: byte for byte the same.
expect_rc 0 "export" -- "$cm" --db "$db" export "$work/all.json"
expect_rc 0 "import into an empty store" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/all.json"
expect_rc 0 "export again" -- "$cm" --db "sqlite:$work/var/two.db" export "$work/again.json"
if cmp -s "$work/all.json" "$work/again.json"; then ok; else bad "export -> import -> export differs"; fi
expect_rc 0 "mapping export to stdout" -- "$cm" --db "$db" export --mapping map-individual-cse -
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
expect_rc 0 "export before" -- "$cm" --db "sqlite:$work/var/two.db" export "$work/before.json"
expect_rc 1 "bad bundle is refused" -- "$cm" --db "sqlite:$work/var/two.db" --today $today import "$work/bad.json"
contains "$work/err" "/subjects/3/dob: 2011-02-31 is not a date" "date problem named"
expect_rc 0 "export after" -- "$cm" --db "sqlite:$work/var/two.db" export "$work/after.json"
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

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
