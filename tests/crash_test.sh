#!/usr/bin/env bash
# Crash test: a change and its audit row commit together, or neither does.
#
# Kills `contextmap serve` with SIGKILL at random moments while clients write through its API,
# and `contextmap import` of a big invented bundle at moments spread over its run; after each
# kill it reads the SQLite store with the sqlite3 shell (not with ContextMap) and checks that
# every record changed has its audit row and every audit row of a change has its record:
#   - each subject and mapping_subject the clients created exists exactly when a `create` row
#     names it, and each subject's version is one more than the `update` rows naming it;
#   - the bundle's subjects are in the store exactly when the import's rows are, one per subject;
#   - `contextmap audit verify` passes.
# Usage: tests/crash_test.sh PATH/TO/contextmap PATH/TO/generate_partnership
set -uo pipefail
cm=$(realpath "$1")
generate=$(realpath "$2")
work=$(mktemp -d)
server=
clients=()
cleanup() {
  [[ -n $server ]] && kill -9 "$server" 2>/dev/null
  for c in "${clients[@]}"; do kill -9 "$c" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1
today=2026-11-23
db=$work/crash.db
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
q() { sqlite3 -batch -noheader "$db" "$1"; }

# --- setup: the demo partnership and its chair with a password and a second factor -----------
"$cm" --db "sqlite:$db" --today $today demo >/dev/null || { echo "demo failed" >&2; exit 1; }
echo "a long enough crash-test password" >"$work/pw"
"$cm" --db "sqlite:$db" user reset priya.example <"$work/pw" >"$work/reset.out" ||
  { echo "user reset failed" >&2; exit 1; }
secret=$(sed -n 's/^  \([A-Z2-7]\{16,\}\)$/\1/p' "$work/reset.out" | head -1)
[[ -n $secret ]] || { echo "no TOTP secret printed" >&2; exit 1; }
q "SELECT id FROM subjects" | sort >"$work/subjects.before"

# The clients: sign in once (the session outlives server restarts), then three threads create
# places on the chair's mapping and update them until the server goes away.
cat >"$work/client.py" <<'EOF'
import base64, hashlib, hmac, http.client, json, random, struct, sys, threading, time
port, secret, mode, name = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def totp(secret, at):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)

if mode == "signin":
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps({"username": "priya.example",
                       "password": open(sys.argv[5]).read().strip(),
                       "code": totp(secret, time.time())})
    c.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    out = json.loads(r.read())
    cookie = r.getheader("Set-Cookie").split(";")[0]
    print(cookie + "\t" + out["csrf_token"])
    sys.exit(0 if r.status == 201 else 1)

cookie, csrf = open(sys.argv[5]).read().strip().split("\t")
headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf,
           "ContextMap-Reason": "crash test"}
failures = []

def write(name):
  n = 0
  try:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while True:
        n += 1
        body = {"subject": {"kind": "location", "label": "Crash test place %s-%d" % (name, n),
                            "venue_type": "other", "dob_precision": "unknown"},
                "mapping_subject": {"role": "location_of_concern"}}
        c.request("POST", "/api/v1/mappings/map-county-line/subjects", json.dumps(body), headers)
        r = c.getresponse()
        created = json.loads(r.read())
        if r.status != 201:
            failures.append("create answered %d: %s" % (r.status, created))
            return
        subject = created["subject"]
        for version in range(1, random.randint(1, 3) + 1):
            subject["description"] = "Seen %d times." % version
            h = dict(headers, **{"If-Match": '"%d"' % version})
            c.request("PUT", "/api/v1/subjects/" + subject["id"], json.dumps(subject), h)
            r = c.getresponse()
            subject = json.loads(r.read())
            if r.status != 200:
                failures.append("update answered %d: %s" % (r.status, subject))
                return
  except (ConnectionError, http.client.HTTPException, OSError):
    return  # the server was killed

threads = [threading.Thread(target=write, args=(name + t,)) for t in "abc"]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.exit("\n".join(failures) if failures else 0)
EOF

start_server() {
  for _ in 1 2 3; do  # a port picked at random may be taken: then another
    port=$((20000 + RANDOM % 20000))
    "$cm" --db "sqlite:$db" --today $today serve --listen "127.0.0.1:$port" --threads 16 \
      >/dev/null 2>"$work/serve.log" &
    server=$!
    for _ in $(seq 200); do
      curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && return 0
      kill -0 "$server" 2>/dev/null || break
      sleep 0.05
    done
    kill -9 "$server" 2>/dev/null
    wait "$server" 2>/dev/null
  done
  server=
  echo "the server did not start" >&2
  cat "$work/serve.log" >&2
  exit 1
}

# Every change the clients made has its audit row, and every row of a change has its change.
check_server_writes() {
  local round=$1
  local unaudited orphans versions
  q "SELECT id FROM subjects" | sort | comm -13 "$work/subjects.before" - >"$work/subjects.new"
  unaudited=$(q "SELECT s.id FROM subjects s WHERE s.label LIKE 'Crash test place %' AND NOT EXISTS
                 (SELECT 1 FROM audit_log a WHERE a.action = 'create' AND a.outcome = 'ok'
                  AND a.record_kind = 'subjects' AND a.record_id = s.id)
               UNION ALL
               SELECT m.id FROM mapping_subjects m JOIN subjects s ON s.id = m.subject_id
               WHERE s.label LIKE 'Crash test place %' AND NOT EXISTS
                 (SELECT 1 FROM audit_log a WHERE a.action = 'create' AND a.outcome = 'ok'
                  AND a.record_kind = 'mapping_subjects' AND a.record_id = m.id)")
  orphans=$(q "SELECT a.record_id FROM audit_log a WHERE a.action = 'create' AND a.outcome = 'ok'
               AND a.user_id = 'usr-02' AND ((a.record_kind = 'subjects' AND NOT EXISTS
                 (SELECT 1 FROM subjects s WHERE s.id = a.record_id)) OR
                 (a.record_kind = 'mapping_subjects' AND NOT EXISTS
                 (SELECT 1 FROM mapping_subjects m WHERE m.id = a.record_id)))")
  versions=$(q "SELECT s.id FROM subjects s WHERE s.label LIKE 'Crash test place %' AND
                s.version - 1 <> (SELECT count(*) FROM audit_log a WHERE a.action = 'update'
                AND a.outcome = 'ok' AND a.record_kind = 'subjects' AND a.record_id = s.id)")
  if [[ -z $unaudited ]]; then ok; else bad "round $round: changes without audit rows: $unaudited"; fi
  if [[ -z $orphans ]]; then ok; else bad "round $round: audit rows without changes: $orphans"; fi
  if [[ -z $versions ]]; then ok; else bad "round $round: updates and rows differ: $versions"; fi
  if "$cm" --db "sqlite:$db" audit verify >"$work/verify.out" 2>&1; then ok; else
    bad "round $round: audit verify failed"; cat "$work/verify.out" >&2; fi
}

# --- the server, killed while three clients write --------------------------------------------
start_server
python3 "$work/client.py" "$port" "$secret" signin - "$work/pw" >"$work/session" ||
  { echo "sign-in failed" >&2; exit 1; }
for round in 1 2 3 4 5 6; do
  [[ $round == 1 ]] || start_server
  python3 "$work/client.py" "$port" "$secret" write "$round" "$work/session" \
    2>>"$work/clients.err" &
  clients=($!)
  # Let the clients get going (python starts slowly on a busy machine), then a random moment.
  for _ in $(seq 100); do
    [[ -n $(q "SELECT 1 FROM subjects WHERE label LIKE 'Crash test place $round%' LIMIT 1") ]] &&
      break
    sleep 0.05
  done
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$server"
  wait "$server" 2>/dev/null
  server=
  for c in "${clients[@]}"; do wait "$c" || bad "round $round: a client failed"; done
  clients=()
  check_server_writes "$round"
done
if [[ -s $work/clients.err ]]; then cat "$work/clients.err" >&2; fi
made=$(q "SELECT count(*) FROM subjects WHERE label LIKE 'Crash test place %'")
if ((made >= 20)); then ok; else bad "the clients made only $made places: too few to tell"; fi

# --- `contextmap import`, killed at moments spread over its run ------------------------------
"$generate" --subjects 8000 --links 40000 --information 0 --today $today \
  --out "$work/big.json" 2>/dev/null || { echo "generate_partnership failed" >&2; exit 1; }
bundle_subjects=8000
# A store of its own: the bundle's agencies and users are not the demo's.
db=$work/import.db
"$cm" --db "sqlite:$db" init >/dev/null || { echo "init failed" >&2; exit 1; }
check_import() {
  local what=$1 in_store rows
  in_store=$(q "SELECT count(*) FROM subjects WHERE id LIKE 'sub-0%'")
  rows=$(q "SELECT count(DISTINCT subject_id) FROM audit_log WHERE action = 'import' AND
            outcome = 'ok' AND subject_id LIKE 'sub-0%'")
  if [[ $in_store == "$rows" ]] && ((in_store == 0 || in_store == bundle_subjects)); then ok; else
    bad "$what: $in_store of the bundle's subjects in the store, import rows for $rows"; fi
  if "$cm" --db "sqlite:$db" audit verify >"$work/verify.out" 2>&1; then ok; else
    bad "$what: audit verify failed"; cat "$work/verify.out" >&2; fi
}
start=$(date +%s%N)
"$cm" --db "sqlite:$work/timing.db" --today $today import --reason "crash test" "$work/big.json" \
  >/dev/null 2>&1 || { echo "the timing import failed" >&2; exit 1; }
took_ms=$((($(date +%s%N) - start) / 1000000))
for percent in 50 75 90 97 102; do
  "$cm" --db "sqlite:$db" --today $today import --reason "crash test" "$work/big.json" \
    >/dev/null 2>&1 &
  importer=$!
  wait_ms=$((took_ms * percent / 100))
  sleep "$((wait_ms / 1000)).$(printf %03d $((wait_ms % 1000)))"
  kill -9 "$importer" 2>/dev/null
  wait "$importer" 2>/dev/null
  check_import "import killed at ${percent}% of its run"
done
# And one that finishes: every subject with its row.
"$cm" --db "sqlite:$db" --today $today import --reason "crash test" "$work/big.json" >/dev/null 2>&1
check_import "a finished import"
if [[ $(q "SELECT count(*) FROM subjects WHERE id LIKE 'sub-0%'") == "$bundle_subjects" ]]; then
  ok; else bad "the finished import is not in the store"; fi

echo "$passed passed, $failed failed (server: $made places made; import: ${took_ms} ms)"
[[ $failed == 0 ]]
