#!/usr/bin/env bash
# Server load benchmark: 200 signed-in clients reading and writing one 200-subject mapping
# through the JSON API, side by side with nginx serving the same map bytes as a static file.
#
# Usage: bench/server_bench.sh [--contextmap PATH] [--generator PATH] [--duration SECONDS]
#                              [--clients N] [--server-threads N] [--no-gzip]
#
#   --contextmap PATH    the contextmap binary, used as it is. Without it the script builds
#                        the source as it is now with the bench preset (Release, into
#                        build/bench: configured if need be, then contextmap and
#                        generate_partnership; minutes on a fresh tree, seconds after)
#   --generator PATH     generate_partnership with --casework (default: build/bench's when the
#                        script built it, else next to contextmap, else build/bench, build/dev
#                        or build-bench)
#   --duration SECONDS   length of each of the three wrk runs (default 30)
#   --clients N          concurrent clients, each signed in as its own user (default 200)
#   --server-threads N   contextmap serve --threads (default 256, the server's own default;
#                        a worker is held only while a request is answered, so the pool may
#                        be smaller than the number of clients)
#   --no-gzip            reads ask for the plain body (no Accept-Encoding), as a script or an
#                        old client might; by default they send "Accept-Encoding: gzip, deflate,
#                        br" as every browser does, and get the map gzipped
#
# Everything runs on this machine, on 127.0.0.1 only, in a temporary directory that is removed
# at the end (also on failure or Ctrl-C); the server and nginx are stopped on exit. A run takes
# about 3 x duration plus a minute of set-up (200 Argon2id password hashes when the accounts
# are made, and again when they sign in).
#
# Steps:
#   1. A new SQLite store (contextmap init) and one mapping from generate_partnership --subjects
#      200 --links 400 --information 400 --casework: 200 subjects (children, adults, places,
#      groups...), 400 links, 400 information items, and the mapping's meetings, attendees,
#      factors, risk assessments, referrals, key questions and actions. All invented.
#   2. N accounts (contextmap user add benchNNN --role chair, all in the police agency agy-01),
#      then a second bundle making each a member of the mapping.
#   3. contextmap serve on a free loopback port; each client signs in (POST /api/v1/session
#      with a TOTP code computed by python3 from the secret user add printed) and keeps its
#      session cookie and CSRF token.
#   4. Three wrk runs (-t2, -cN, --latency, the same duration), one line of figures each:
#      A. read:  GET /api/v1/mappings/map-0001/map with ContextMap-Reason and Accept-Encoding
#                (unless --no-gzip), every request with
#                a session of its own: wrk's Lua cannot tie a session to a connection, so each
#                wrk thread deals its half of the N sessions out in turn, request by request.
#      B. mixed: the same, with every tenth request a POST /api/v1/information (a new handling
#                code P item on one of the mapping's subjects, with the CSRF token). Each write
#                adds to the mapping, so the map read grows during this run.
#      C. nginx: the response body of one map read, saved to a file (and its gzip form, as
#                the server sent it, served by gzip_static to requests with the same
#                Accept-Encoding) and served by nginx (2 workers, access log off, keep-alive)
#                on another loopback port: the same bytes with no sign-in, access check,
#                store read, JSON writing or audit.
#   5. A table: requests/s, p50, p99 and max latency, requests, non-2xx, socket errors, the
#      server's processor time per request (from /proc: user + system of every thread, and
#      of nginx's workers; steady where latency is noisy, so the figure to compare changes
#      by), and how many connections had been answered half-way through each run (ss, server side: a
#      server that keeps each kept-alive connection on one worker thread leaves connections
#      beyond its thread count waiting, and wrk's latencies then cover the answered ones
#      only; the script warns when that happens). Any response with status 400 or above
#      (wrk's count of non-2xx/3xx; the API sends no 3xx) makes the script exit 1 after the
#      table; so does a failed step. Socket errors (wrk --timeout 10s) are reported, not
#      fatal. The goal in issue 3, reads at p99 under 50 ms, is reported as yes or no.
#
# wrk (and python3) share the machine's cores with the server; the figures are for the two
# together. Needs wrk, nginx, curl, ss (iproute2), python3 and, to build, cmake and ninja
# (scripts/install-deps).
set -euo pipefail

readonly prog=server_bench
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly root
readonly self="$root/bench/server_bench.sh"
readonly mapping=map-0001 agency=agy-01
readonly seed=4  # an active individual mapping under the CSE profile (risk categories, checklists)
readonly password='bench-password-not-secret'

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# --- Arguments. ------------------------------------------------------------------------------------
contextmap=
generator=
duration=30
clients=200
server_threads=256
accept_encoding='gzip, deflate, br'
while (($#)); do
  case $1 in
    --contextmap | --contextmap=*) option_value "a path" "$@"; contextmap=$opt_value ;;
    --generator | --generator=*) option_value "a path" "$@"; generator=$opt_value ;;
    --duration | --duration=*) option_value "a number of seconds" "$@"; duration=$opt_value ;;
    --clients | --clients=*) option_value "a number" "$@"; clients=$opt_value ;;
    --server-threads | --server-threads=*)
      option_value "a number" "$@"
      server_threads=$opt_value
      ;;
    --no-gzip) accept_encoding=; opt_shift=1 ;;
    -h | --help) print_usage; exit 0 ;;
    *) die "unknown argument '$1' (usage: bench/server_bench.sh [--contextmap PATH] [--duration SECONDS])" ;;
  esac
  shift "$opt_shift"
done
is_positive "$duration" || die "--duration needs a positive number of seconds"
if ! is_positive "$clients" || ((clients < 2 || clients > 999)); then
  die "--clients needs a number from 2 to 999"
fi
is_positive "$server_threads" || die "--server-threads needs a positive number"
need_tools wrk nginx curl ss python3

if [[ -z $contextmap ]]; then
  # The source as it is now, built as released (the bench preset: Release, with the generator).
  echo "Building contextmap and generate_partnership (cmake --preset bench, build/bench)..."
  if [[ ! -f $root/build/bench/CMakeCache.txt ]]; then
    out=$(cd "$root" && cmake --preset bench 2>&1) ||
      { tail -n 30 <<<"$out" >&2; die "cmake could not configure build/bench"; }
  fi
  out=$(cmake --build "$root/build/bench" --target contextmap generate_partnership 2>&1) ||
    { tail -n 30 <<<"$out" >&2; die "building build/bench failed"; }
  contextmap=$root/build/bench/contextmap
  [[ -n $generator ]] || generator=$root/build/bench/generate_partnership
fi
[[ $contextmap == /* ]] || contextmap=$PWD/$contextmap
[[ -x $contextmap ]] || die "no contextmap binary at $contextmap"
if [[ -z $generator ]]; then
  for dir in "$(dirname "$contextmap")" "$root/build/bench" "$root/build/dev" "$root/build-bench"; do
    if [[ -x $dir/generate_partnership ]]; then
      generator=$dir/generate_partnership
      break
    fi
  done
fi
[[ -n $generator && -x $generator ]] ||
  die "no generate_partnership found (build it: cmake --preset bench && cmake --build build/bench --target generate_partnership; or pass --generator)"
[[ $generator == /* ]] || generator=$PWD/$generator

# --- Temporary directory; the server and nginx stop on exit. ------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/contextmap-server-bench.XXXXXX")
server_pid=
nginx_pid=
stop() {  # stop PID: TERM, then KILL after 10 s
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  [[ -n $server_pid ]] && stop "$server_pid"
  [[ -n $nginx_pid ]] && stop "$nginx_pid"
  rm -rf -- "$work"
  exit "$status"
}
cleanup_on_exit cleanup
: >"$work/results.tsv"
db=sqlite:$work/contextmap.db
cm() { "$contextmap" --db "$db" "$@"; }

# A free TCP port on 127.0.0.1 (the kernel's choice; nothing else is started between asking
# and binding, so a clash is unlikely and would fail loudly).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_http URL SECONDS: until URL answers 200.
wait_http() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

today=$(date -u +%F)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "ContextMap server load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: $(nproc) cores${cpu:+ ($cpu)}, $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo)"
revision=$(git -C "$root" describe --always --dirty 2>/dev/null) || revision=unknown
build_type=
[[ -f $(dirname "$contextmap")/CMakeCache.txt ]] &&
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$(dirname "$contextmap")/CMakeCache.txt")
echo "Build: $contextmap (${build_type:-build type unknown}), source $revision; $(wrk --version 2>&1 | head -n 1 | awk '{print $1, $2}'); $(nginx -v 2>&1 | sed 's/.*: //')"
[[ -z $build_type || $build_type == Release ]] ||
  echo "$prog: warning: a '$build_type' build; figures are for Release" >&2
load=$(cut -d ' ' -f 1 /proc/loadavg)
echo "Load average (1 min) before the run: $load"
awk -v l="$load" 'BEGIN {exit !(l >= 0.5)}' &&
  echo "$prog: warning: the machine is busy with other work (load $load); figures will be noisy" >&2
echo

# --- 1. The store and the mapping. ------------------------------------------------------------------
echo "Setting up: one mapping, $clients accounts..."
bundle=$work/mapping.json
"$generator" --subjects 200 --links 400 --information 400 --casework --seed "$seed" \
  --today "$today" --out "$bundle" 2>"$work/generate.log" ||
  { cat "$work/generate.log" >&2; die "generate_partnership failed (an old build without --casework? rebuild it)"; }
cm init >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; die "contextmap init failed"; }
cm import --reason "server benchmark" "$bundle" >>"$work/setup.log" 2>&1 ||
  { tail -n 20 "$work/setup.log" >&2; die "importing the mapping failed"; }
python3 - "$bundle" "$mapping" <<'EOF'
import collections, json, sys
b = json.load(open(sys.argv[1]))
m = sys.argv[2]
subjects = [s["subject_id"] for s in b.get("mapping_subjects", []) if s["mapping_id"] == m]
kinds = collections.Counter(s["kind"] for s in b["subjects"] if s["id"] in set(subjects))
counts = {k: len(v) for k, v in b.items() if isinstance(v, list) and v}
print(f"  mapping {m}: {len(subjects)} subjects ("
      + ", ".join(f"{n} {k}" for k, n in kinds.most_common()) + ")")
print("  records: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
EOF

# --- 2. Accounts, members of the mapping. ------------------------------------------------------------
started=$SECONDS
: >"$work/users.tsv"
for ((i = 1; i <= clients; i++)); do
  n=$(printf '%03d' "$i")
  out=$(printf '%s\n' "$password" |
    cm user add "bench$n" --full-name "Bench User $n" --agency "$agency" --role chair 2>&1) ||
    { echo "$out" >&2; die "contextmap user add bench$n failed"; }
  id=$(sed -n '1s/^Added [^ ]* (\(.*\))\.$/\1/p' <<<"$out")
  secret=$(sed -n '3s/^ *//p' <<<"$out")
  [[ -n $id && $secret =~ ^[A-Z2-7]{32}$ ]] || { echo "$out" >&2; die "could not read user add's output"; }
  printf 'bench%s\t%s\t%s\n' "$n" "$id" "$secret" >>"$work/users.tsv"
done
python3 - "$work/users.tsv" "$mapping" "$today" >"$work/members.json" <<'EOF'
import json, sys
members = []
for i, line in enumerate(open(sys.argv[1]), 1):
    _, user_id, _ = line.rstrip("\n").split("\t")
    members.append({"id": f"mem-bench-{i:03d}", "mapping_id": sys.argv[2], "user_id": user_id,
                    "added_on": sys.argv[3]})
print(json.dumps({"format": "contextmap-bundle", "format_version": 1, "scope": "partnership",
                  "mapping_members": members}))
EOF
cm import --reason "server benchmark members" "$work/members.json" >>"$work/setup.log" 2>&1 ||
  { tail -n 20 "$work/setup.log" >&2; die "importing the mapping's members failed"; }
echo "  $clients accounts (role chair, agency $agency), members of $mapping: $((SECONDS - started)) s"

# --- 3. The server; every client signs in. -------------------------------------------------------------
port=$(free_port)
# Started directly (not through cm) so that $! is the server's own pid.
"$contextmap" --db "$db" serve --listen "127.0.0.1:$port" --threads "$server_threads" \
  >"$work/server.log" 2>&1 &
server_pid=$!
wait_http "http://127.0.0.1:$port/api/v1/health" 30 ||
  { tail -n 20 "$work/server.log" >&2; die "the server did not answer on 127.0.0.1:$port"; }
echo "  server: contextmap serve --listen 127.0.0.1:$port --threads $server_threads (pid $server_pid)"

started=$SECONDS
python3 - "$work/users.tsv" "$port" "$password" "$work/sessions.lua" "$bundle" "$mapping" <<'EOF'
# Signs every account in (TOTP per RFC 6238: HMAC-SHA1, 30 s, 6 digits) and writes the
# sessions, and the mapping's subject ids, as a Lua file for wrk.
import base64, concurrent.futures, hashlib, hmac, http.client, json, struct, sys, time
users_tsv, port, password, out, bundle, mapping = sys.argv[1:7]

def totp(secret, at):
    mac = hmac.new(base64.b32decode(secret), struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)

def sign_in(row):
    username, _, secret = row
    body = json.dumps({"username": username, "password": password, "code": totp(secret, time.time())})
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
    c.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    data = r.read()
    if r.status != 201:
        sys.exit(f"server_bench: signing in {username} answered {r.status}: {data[:200]!r}")
    cookie = r.getheader("Set-Cookie").split(";", 1)[0]
    c.close()
    return cookie, json.loads(data)["csrf_token"]

rows = [line.rstrip("\n").split("\t") for line in open(users_tsv)]
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    sessions = list(pool.map(sign_in, rows))
b = json.load(open(bundle))
subjects = [s["subject_id"] for s in b["mapping_subjects"] if s["mapping_id"] == mapping]
def lua(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
with open(out, "w") as f:
    f.write("sessions = {\n")
    for cookie, csrf in sessions:
        f.write(f"  {{cookie = {lua(cookie)}, csrf = {lua(csrf)}}},\n")
    f.write("}\nsubjects = {" + ", ".join(lua(s) for s in subjects) + "}\n")
EOF
echo "  $clients sign-ins: $((SECONDS - started)) s"

# One read, for the static copy and to check that a read works at all.
cookie=$(sed -n '2s/.*cookie = "\([^"]*\)".*/\1/p' "$work/sessions.lua")
mkdir -p "$work/www"
code=$(curl -sS -o "$work/www/map.json" -w '%{http_code}' -H "Cookie: $cookie" \
  -H "ContextMap-Reason: server benchmark" "http://127.0.0.1:$port/api/v1/mappings/$mapping/map")
[[ $code == 200 ]] || { head -c 300 "$work/www/map.json" >&2; echo >&2; die "reading the map answered $code"; }
map_bytes=$(stat -c %s "$work/www/map.json")
map_records=$(grep -c '^{"id"' "$work/www/map.json" || true)
# The gzip form exactly as the server sends it (curl without --compressed keeps it as sent).
code=$(curl -sS -o "$work/www/map.json.gz" -w '%{http_code}' -H "Cookie: $cookie" \
  -H "ContextMap-Reason: server benchmark" -H "Accept-Encoding: gzip" \
  "http://127.0.0.1:$port/api/v1/mappings/$mapping/map")
[[ $code == 200 ]] && gzip -t "$work/www/map.json.gz" 2>/dev/null ||
  die "reading the map with Accept-Encoding: gzip did not give a gzip body ($code)"
gz_bytes=$(stat -c %s "$work/www/map.json.gz")
printf '  map response: %s bytes, %s records; gzipped %s bytes\n' "$map_bytes" "$map_records" "$gz_bytes"
if [[ -n $accept_encoding ]]; then
  sent_bytes=$gz_bytes
  echo "  reads send Accept-Encoding: $accept_encoding (gzipped answers)"
else
  sent_bytes=$map_bytes
  echo "  reads send no Accept-Encoding (plain answers; --no-gzip)"
fi
single=$(curl -sS -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" \
  -H "ContextMap-Reason: server benchmark" "http://127.0.0.1:$port/api/v1/mappings/$mapping/map")
awk -v s="$single" 'BEGIN {printf "  one read alone (curl, after warm-up): %.1f ms\n", s * 1000}'
echo

# --- 4. The runs. ----------------------------------------------------------------------------------------
readonly wrk_threads=2
# Shared Lua: per-thread counters and the done() that prints one tab-separated result line.
cat >"$work/common.lua" <<'EOF'
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  local reads, writes = 0, 0
  for _, t in ipairs(threads) do
    reads = reads + (t:get("reads") or 0)
    writes = writes + (t:get("writes") or 0)
  end
  local e = summary.errors
  io.write(string.format("result\t%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%d\t%d\n",
    phase, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, reads, writes))
end
EOF
# sessions.lua is read in each thread; thread T of N takes sessions T, T+N, T+2N...
cat >"$work/api.lua" <<EOF
dofile("$work/common.lua")
phase = os.getenv("BENCH_PHASE")
local write_every = tonumber(os.getenv("BENCH_WRITE_EVERY"))
local accept_encoding = "$accept_encoding"
if accept_encoding == "" then accept_encoding = nil end
local mine, n = {}, 0
function init(args)
  dofile("$work/sessions.lua")
  for i = tid, #sessions, $wrk_threads do table.insert(mine, sessions[i]) end
  reads, writes = 0, 0
  for i, s in ipairs(mine) do
    s.read = wrk.format("GET", "/api/v1/mappings/$mapping/map",
                        {["Cookie"] = s.cookie, ["ContextMap-Reason"] = "server benchmark",
                         ["Accept-Encoding"] = accept_encoding})
  end
end
function request()
  n = n + 1
  local s = mine[(n - 1) % #mine + 1]
  if write_every > 0 and n % write_every == 0 then
    writes = writes + 1
    local subject = subjects[(n / write_every) % #subjects + 1]
    local body = '{"subject_id":"' .. subject .. '","mapping_id":"$mapping",' ..
      '"source_agency_id":"$agency","text":"Bench note","captured_on":"2026-01-15",' ..
      '"recorded_on":"2026-01-15","source":"2","assessment":"C","handling":"P",' ..
      '"evidence":"anecdotal"}'
    return wrk.format("POST", "/api/v1/information", {["Cookie"] = s.cookie,
      ["X-CSRF-Token"] = s.csrf, ["Content-Type"] = "application/json"}, body)
  end
  reads = reads + 1
  return s.read
end
EOF
cat >"$work/static.lua" <<EOF
dofile("$work/common.lua")
phase = "nginx"
local accept_encoding = "$accept_encoding"
if accept_encoding ~= "" then wrk.headers["Accept-Encoding"] = accept_encoding end
EOF

# connections_answered PORT: "ANSWERED/OPEN" for the loopback connections to PORT right now:
# OPEN client connections, ANSWERED of them (server side) have sent a response. A server
# that serves each kept-alive connection on one worker thread until it closes leaves the
# connections beyond its threads unanswered, and wrk's figures cover only the answered ones.
connections_answered() {
  local answered open
  answered=$(ss -tni state established "( sport = :$1 )" | grep -c 'bytes_acked:' || true)
  open=$(ss -tn state established "( dport = :$1 )" | tail -n +2 | wc -l)
  echo "$answered/$open"
}

# cpu_ticks PID: processor time (user + system, in clock ticks) used so far by PID, all its
# threads, and its child processes (nginx's workers).
cpu_ticks() {
  local total=0 pid fields
  for pid in "$1" $(pgrep -P "$1" || true); do
    # Fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name.
    fields=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    total=$((total + ${fields:-0}))
  done
  echo "$total"
}

# run_wrk NAME LOG PORT PID WRK-ARGS...: one wrk run against the server PID; appends its
# result line to results.tsv, with connections_answered sampled half-way through and the
# server's processor time per request (a figure the machine's noise barely moves, unlike
# latency: the place to look when judging a change's cost).
run_wrk() {
  local name=$1 log=$2 port=$3 pid=$4
  shift 4
  (sleep $(((duration + 1) / 2)); connections_answered "$port" >"$work/sample") &
  local sampler=$!
  echo "Run $name: wrk -t$wrk_threads -c$clients -d${duration}s --latency..."
  local ticks_before
  ticks_before=$(cpu_ticks "$pid")
  wrk -t"$wrk_threads" -c"$clients" -d"${duration}s" --timeout 10s --latency "$@" >"$log" 2>&1 ||
    { cat "$log" >&2; die "wrk failed in run $name"; }
  local ticks=$(($(cpu_ticks "$pid") - ticks_before))
  local line
  line=$(grep '^result' "$log") || { cat "$log" >&2; die "no result line from wrk in run $name"; }
  wait "$sampler" || true
  local answered cpu_us
  answered=$(cat "$work/sample" 2>/dev/null) || answered='?'
  cpu_us=$(awk -F '\t' -v t="$ticks" -v hz="$(getconf CLK_TCK)" \
    '{printf "%.0f", ($3 > 0 ? t * 1e6 / hz / $3 : 0)}' <<<"$line")
  printf '%s\t%s\t%s\n' "$(cut -f 2- <<<"$line")" "$answered" "$cpu_us" >>"$work/results.tsv"
  awk -F '\t' -v a="$answered" -v c="$cpu_us" '{printf "  %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.0f ms; %d requests, %d non-2xx, %d socket errors; connections answered (mid-run): %s; server CPU %s us per request\n",
    $4, $5, $6, $7, $3, $8, $9, a, c}' <<<"$line"
  local got=${answered%/*}
  [[ $got =~ ^[0-9]+$ ]] && ((got < clients)) &&
    echo "  warning: only $got of the $clients connections had an answer half-way through; wrk's latencies are for those only"
  return 0
}

url=http://127.0.0.1:$port
BENCH_PHASE=read BENCH_WRITE_EVERY=0 run_wrk "A (read)" "$work/wrk-read.log" \
  "$port" "$server_pid" -s "$work/api.lua" "$url"
BENCH_PHASE=mixed BENCH_WRITE_EVERY=10 run_wrk "B (90% read, 10% write)" "$work/wrk-mixed.log" \
  "$port" "$server_pid" -s "$work/api.lua" "$url"
after_bytes=$(curl -sS -H "Cookie: $cookie" -H "ContextMap-Reason: server benchmark" \
  "$url/api/v1/mappings/$mapping/map" | wc -c)
printf '  map response after run B: %s bytes (%s before)\n' "$after_bytes" "$map_bytes"
stop "$server_pid"
server_pid=

# nginx: the same bytes as a static file. The temporary directory is opened for traversal
# only, so nginx's workers (nobody, when started as root) can read www/.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
chmod 711 "$work"
chmod 755 "$work/www"
chmod 644 "$work/www/map.json" "$work/www/map.json.gz"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;  # map.json.gz to requests that accept gzip, as the server does
  types { application/json json; }
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
EOF
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" \
  >"$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
wait_http "http://127.0.0.1:$nginx_port/map.json" 10 ||
  { cat "$work/nginx/error.log" "$work/nginx/stdout.log" >&2; die "nginx did not answer on 127.0.0.1:$nginx_port"; }
run_wrk "C (nginx, static copy of the map)" "$work/wrk-nginx.log" "$nginx_port" "$nginx_pid" \
  -s "$work/static.lua" \
  "http://127.0.0.1:$nginx_port/map.json"
stop "$nginx_pid"
nginx_pid=
echo

# --- 5. Side by side. -------------------------------------------------------------------------------------
echo "Results: $clients clients (wrk -t$wrk_threads -c$clients, ${duration} s each), one mapping of 200 subjects, map response $map_bytes bytes ($sent_bytes sent per read)"
awk -F '\t' '
  BEGIN {
    line = "--------------------------------+------------+--------+--------+---------+----------+---------+--------+----------+-------"
    printf "%-31s | %10s | %6s | %6s | %7s | %8s | %7s | %6s | %8s | %6s\n", "run", "requests/s", "p50 ms",
           "p99 ms", "max ms", "requests", "non-2xx", "socket", "answered", "CPU us"
    print line
    name["read"] = "API: read the whole map"
    name["mixed"] = "API: 90% read, 10% write"
    name["nginx"] = "nginx: the map as a static file"
  }
  {
    printf "%-31s | %10.0f | %6.1f | %6.1f | %7.0f | %8d | %7d | %6d | %8s | %6s\n", name[$1], $3, $4, $5,
           $6, $2, $7, $8, $11, $12
    if ($1 == "mixed") mixed = sprintf("(run B sent %d reads and %d writes)", $9, $10)
    rps[$1] = $3
  }
  END {
    print mixed
    print "socket: wrk'"'"'s connect, read, write and timeout errors (timeout 10 s). answered: connections that"
    print "had had a response half-way through the run, of those open (ss); the latencies cover only those."
    print "CPU us: the server'"'"'s processor time (user + system, all threads; nginx: master and workers)"
    print "per request. Latency moves with whatever else the machine runs; this figure barely does."
    if (rps["nginx"] > 0) printf "API reads: %.1f%% of nginx'"'"'s requests/s\n", 100 * rps["read"] / rps["nginx"]
  }' "$work/results.tsv"
read_p99=$(awk -F '\t' '$1 == "read" {print $5}' "$work/results.tsv")
if awk -v p="$read_p99" 'BEGIN {exit !(p < 50)}'; then
  echo "Reading the whole mapping at p99 under 50 ms: yes (${read_p99} ms)"
else
  echo "Reading the whole mapping at p99 under 50 ms: no (${read_p99} ms)"
fi
non2xx=$(awk -F '\t' '{n += $7} END {print n + 0}' "$work/results.tsv")
if ((non2xx > 0)); then
  echo "$prog: $non2xx responses with status 400 or above; the server log ends:" >&2
  grep -v ' 20[01] ' "$work/server.log" | tail -n 10 >&2 || true
  exit 1
fi
