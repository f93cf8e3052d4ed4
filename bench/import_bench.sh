#!/usr/bin/env bash
# Import benchmark: ContextMap's bundle import against each database engine's own bulk loader.
#
# Usage: bench/import_bench.sh [--subjects N] [--build DIR] [--timeout SECONDS]
#
#   --subjects N       subjects in the generated partnership (default 100000); the bundle also
#                      holds 5N links, 10N information items and what they need (about 17N records)
#   --build DIR        CMake build directory (default build-bench in the repository); configured
#                      (Release, CONTEXTMAP_BENCH=ON, no tests) and built if needed
#   --timeout SECONDS  limit for each timed run (default 1800)
#
# A benchmark, not a test: it prints figures and never fails on them. It exits non-zero only
# when something could not run (a build, the generator, or one of the imports failed).
#
# What it does, all on this machine and on loopback only:
#   1. generate_partnership writes an invented partnership bundle into a temporary directory.
#   2. SQLite: `contextmap import` into a new database file (WAL, synchronous=FULL, foreign keys
#      on: the store's own settings). Then the established tool on the same rows: the rows
#      ContextMap wrote are exported as CSV (sqlite3 -csv, untimed), and the sqlite3 shell loads
#      them into a new database with the same schema (src/storage/migrations/0001_initial.sql,
#      applied untimed) and the same PRAGMAs, in one transaction: `.import --csv` into an untyped
#      temporary table per table, then INSERT ... SELECT with NULLIF (the CSV cannot tell NULL
#      from '' and the foreign keys need NULL).
#   3. PostgreSQL, under scripts/with-postgres (a throwaway server on 127.0.0.1 with fsync off,
#      as for the tests, so these are not durable-write figures): `contextmap import` into the
#      test database, then `psql \copy` of the same CSV files (FORMAT csv: an unquoted empty
#      field is NULL) into a fresh schema with the migration applied (untimed), in one
#      transaction (psql -1).
#   4. A side-by-side table: records, wall seconds, records/s and the peak resident memory of
#      the loading process (the client: for PostgreSQL the server's memory is not included).
#
# Timing and memory come from a small python3 wrapper (time.monotonic around subprocess, and
# resource.getrusage(RUSAGE_CHILDREN).ru_maxrss), so no extra package is needed. Needs cmake, a
# C++20 compiler, sqlite3, psql and a PostgreSQL server (scripts/install-deps), and python3.
set -euo pipefail

readonly prog=import_bench
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly root
readonly self="$root/bench/import_bench.sh"
readonly tables=(agencies areas users protocol_profiles mappings mapping_members subjects
                 mapping_subjects links meetings attendees information handling_approvals factors
                 risk_assessments key_questions actions action_updates referrals map_snapshots
                 agency_submissions)

# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

# measure NAME LOG COMMAND...: runs COMMAND with stdout and stderr to LOG, bounded by
# $timeout_s; writes "SECONDS PEAK_KIB" to $work/NAME.time. Returns COMMAND's status (124 on
# timeout).
measure() {
  local name=$1 log=$2
  shift 2
  python3 - "$work/$name.time" "$timeout_s" "$log" "$@" <<'EOF'
import resource, subprocess, sys, time
out, timeout, log, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
with open(log, "ab") as f:
    start = time.monotonic()
    try:
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f, stderr=f,
                            timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        f.write(b"\nimport_bench: timed out\n")
        rc = 124
    seconds = time.monotonic() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(out, "w") as f:
    f.write(f"{seconds:.3f} {peak_kib}\n")
sys.exit(rc if rc >= 0 else 128 - rc)
EOF
}

# record BACKEND TOOL RECORDS NAME: adds a result row from $work/NAME.time.
record() {
  local seconds peak
  read -r seconds peak <"$work/$4.time"
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$seconds" "$peak" >>"$work/results.tsv"
}

# run_or_die NAME LOG WHAT COMMAND...: measure, and on failure show the log's end and exit.
run_or_die() {
  local name=$1 log=$2 what=$3
  shift 3
  local rc=0
  measure "$name" "$log" "$@" || rc=$?
  if ((rc != 0)); then
    tail -n 20 "$log" >&2
    die "$what failed (exit status $rc)"
  fi
}

print_time() {
  local seconds peak
  read -r seconds peak <"$work/$1.time"
  awk -v what="$2" -v s="$seconds" -v kib="$peak" \
    'BEGIN {printf "  %s: %.1f s, peak %.0f MiB\n", what, s, kib / 1024}'
}

# --- PostgreSQL part: run by scripts/with-postgres, which sets CONTEXTMAP_TEST_POSTGRES. --------
postgres_phase() {
  local url=${CONTEXTMAP_TEST_POSTGRES:?not set: run under scripts/with-postgres}
  echo "PostgreSQL (throwaway server from scripts/with-postgres: fsync off, as for tests)"
  run_or_die pg_contextmap "$work/pg-contextmap.log" "ContextMap import into PostgreSQL" \
    "$contextmap" --today "$today" --db "$url" import "$bundle"
  print_time pg_contextmap "ContextMap import"
  local written
  written=$(sed -n 's/^Imported \([0-9]*\) records.*/\1/p' "$work/pg-contextmap.log")
  [[ $written == "$records" ]] ||
    die "ContextMap wrote ${written:-no} records into PostgreSQL but $records into SQLite"
  record PostgreSQL "ContextMap import" "$written" pg_contextmap

  # The engine's loader: the same CSV rows into a fresh schema of the same database.
  local copy_url="$url?options=-csearch_path%3Dcopyload"
  psql -X -q -v ON_ERROR_STOP=1 -d "$url" -c "CREATE SCHEMA copyload" >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d "$copy_url" -f "$root/src/storage/migrations/0001_initial.sql" \
    >/dev/null
  local t script=$work/copy.psql
  : >"$script"
  for t in "${tables[@]}"; do
    [[ -s $work/csv/$t.csv ]] || continue
    printf "\\\\copy %s FROM '%s' WITH (FORMAT csv)\n" "$t" "$work/csv/$t.csv" >>"$script"
  done
  run_or_die pg_copy "$work/pg-copy.log" "psql \\copy into PostgreSQL" \
    psql -X -q -v ON_ERROR_STOP=1 -1 -d "$copy_url" -f "$script"
  print_time pg_copy "psql \\copy"
  local copied
  copied=$(psql -X -A -t -v ON_ERROR_STOP=1 -d "$copy_url" -c "SELECT $(
    for t in "${tables[@]}"; do printf '(SELECT count(*) FROM %s) + ' "$t"; done) 0")
  [[ $copied == "$records" ]] || die "psql \\copy loaded $copied rows, expected $records"
  record PostgreSQL "psql \\copy (CSV)" "$copied" pg_copy
}

if [[ ${1:-} == --postgres-phase ]]; then
  # Re-entered from below under scripts/with-postgres; the rest comes from the environment.
  work=$BENCH_WORK contextmap=$BENCH_CONTEXTMAP today=$BENCH_TODAY bundle=$BENCH_BUNDLE
  records=$BENCH_RECORDS timeout_s=$BENCH_TIMEOUT
  postgres_phase
  exit 0
fi

# --- Arguments. ------------------------------------------------------------------------------------
subjects=100000
build=$root/build-bench
timeout_s=1800
while (($#)); do
  case $1 in
    --subjects | --subjects=*) option_value "a number" "$@"; subjects=$opt_value ;;
    --build | --build=*) option_value "a directory" "$@"; build=$opt_value ;;
    --timeout | --timeout=*) option_value "a number of seconds" "$@"; timeout_s=$opt_value ;;
    -h | --help) print_usage; exit 0 ;;
    *) die "unknown argument '$1' (usage: bench/import_bench.sh [--subjects N] [--build DIR])" ;;
  esac
  shift "$opt_shift"
done
is_positive "$subjects" || die "--subjects needs a positive number"
is_positive "$timeout_s" || die "--timeout needs a positive number of seconds"
[[ -n $build ]] || die "--build needs a directory"
[[ $build == /* ]] || build=$PWD/$build
need_tools cmake python3 sqlite3 psql

# --- Temporary directory. ---------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/contextmap-bench.XXXXXX")
cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  rm -rf -- "$work"
  exit "$status"
}
cleanup_on_exit cleanup
: >"$work/results.tsv"

# --- Build. ---------------------------------------------------------------------------------------
if [[ ! -f $build/CMakeCache.txt ]]; then
  generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  echo "Configuring $build (Release, CONTEXTMAP_BENCH=ON)..."
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCONTEXTMAP_BENCH=ON -DBUILD_TESTING=OFF >"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; die "cmake could not configure $build"; }
elif ! grep -q '^CONTEXTMAP_BENCH:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -DCONTEXTMAP_BENCH=ON "$build" >"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; die "cmake could not reconfigure $build"; }
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
[[ $build_type == Release ]] ||
  echo "$prog: warning: $build is a '${build_type:-no type}' build; figures are for Release" >&2
cmake --build "$build" --target contextmap generate_partnership >"$work/build.log" 2>&1 ||
  { tail -n 30 "$work/build.log" >&2; die "the build of contextmap and generate_partnership failed"; }
contextmap=$build/contextmap
generate=$build/generate_partnership
[[ -x $contextmap && -x $generate ]] || die "no contextmap or generate_partnership in $build"

today=$(date -u +%F)
seed=20260115
bundle=$work/partnership.json
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo "ContextMap import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: $(nproc) cores${cpu:+ ($cpu)}, $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo)"
revision=$(git -C "$root" describe --always --dirty 2>/dev/null) || revision=unknown
echo "Build: $build ($build_type), source $revision; SQLite $(sqlite3 --version | awk '{print $1}');" \
  "$(psql --version)"
echo

# --- 1. The bundle. ----------------------------------------------------------------------------------
echo "Generating $subjects subjects (seed $seed, today $today)..."
run_or_die generate "$work/generate.log" "generate_partnership" \
  "$generate" --subjects "$subjects" --seed "$seed" --today "$today" --out "$bundle"
sed 's/^generate_partnership: /  /' "$work/generate.log"
bundle_bytes=$(stat -c %s "$bundle")
bundle_mib=$(awk -v b="$bundle_bytes" 'BEGIN {printf "%.1f", b / 1048576}')
printf '  bundle: %s MiB (%s bytes)\n\n' "$bundle_mib" "$bundle_bytes"

# --- 2. SQLite. ---------------------------------------------------------------------------------------
echo "SQLite"
run_or_die sqlite_contextmap "$work/sqlite-contextmap.log" "ContextMap import into SQLite" \
  "$contextmap" --today "$today" --db "sqlite:$work/contextmap.db" import "$bundle"
print_time sqlite_contextmap "ContextMap import"
records=$(sed -n 's/^Imported \([0-9]*\) records.*/\1/p' "$work/sqlite-contextmap.log")
[[ $records =~ ^[0-9]+$ ]] || die "could not read the record count from contextmap's output"
record SQLite "ContextMap import" "$records" sqlite_contextmap

# The same rows as CSV, one file per table (untimed).
mkdir "$work/csv"
exported=0
for t in "${tables[@]}"; do
  n=$(sqlite3 -bail "$work/contextmap.db" "SELECT count(*) FROM $t")
  ((n > 0)) || continue
  sqlite3 -bail -csv "$work/contextmap.db" "SELECT * FROM $t" >"$work/csv/$t.csv"
  exported=$((exported + n))
done
((exported == records)) || die "the database holds $exported rows but contextmap wrote $records"
printf '  (CSV of the same rows for the engine loaders: %.1f MiB)\n' \
  "$(du -sb "$work/csv" | awk '{print $1 / 1048576}')"
rm -f "$work/contextmap.db" "$work/contextmap.db-wal" "$work/contextmap.db-shm"

# sqlite3: schema first (untimed), then the timed load in one transaction.
loaddb=$work/sqlite3.db
sqlite3 -bail "$loaddb" "PRAGMA journal_mode = WAL" \
  ".read $root/src/storage/migrations/0001_initial.sql" >/dev/null
script=$work/load.sql
{
  echo "PRAGMA journal_mode = WAL;"
  echo "PRAGMA synchronous = FULL;"
  # The same treatment ContextMap's import gets: no per-row foreign key enforcement (SQLite's
  # deferred checks rescan child tables on every parent insert), one whole-database check
  # before commit.
  echo "PRAGMA foreign_keys = OFF;"
  echo "PRAGMA cache_size = -262144;"
  echo "BEGIN;"
  for t in "${tables[@]}"; do
    [[ -s $work/csv/$t.csv ]] || continue
    cols=$(sqlite3 -bail "$loaddb" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t')")
    values=$(sqlite3 -bail "$loaddb" \
      "SELECT group_concat('NULLIF(' || name || ', '''')', ', ') FROM pragma_table_info('$t')")
    echo "CREATE TEMP TABLE load_$t ($cols);"
    echo ".import --csv '$work/csv/$t.csv' load_$t"
    echo "INSERT INTO main.$t SELECT $values FROM load_$t;"
    echo "DROP TABLE load_$t;"
  done
  echo "PRAGMA foreign_key_check;"
  echo "COMMIT;"
} >"$script"
run_or_die sqlite_sqlite3 "$work/sqlite3.log" "the sqlite3 load" \
  sqlite3 -bail "$loaddb" ".read '$script'"
print_time sqlite_sqlite3 "sqlite3 .import"
loaded=$(sqlite3 -bail "$loaddb" "SELECT $(for t in "${tables[@]}"; do
  printf '(SELECT count(*) FROM %s) + ' "$t"; done) 0")
[[ $loaded == "$records" ]] || die "sqlite3 loaded $loaded rows, expected $records"
fk_errors=$(sqlite3 -bail "$loaddb" "PRAGMA foreign_key_check" | wc -l)
((fk_errors == 0)) || die "the sqlite3 load left $fk_errors foreign key errors"
record SQLite "sqlite3 .import (CSV)" "$loaded" sqlite_sqlite3
rm -f "$loaddb" "$loaddb-wal" "$loaddb-shm"
echo

# --- 3. PostgreSQL. -------------------------------------------------------------------------------------
pg_status=0
BENCH_WORK=$work BENCH_CONTEXTMAP=$contextmap BENCH_TODAY=$today BENCH_BUNDLE=$bundle \
BENCH_RECORDS=$records BENCH_TIMEOUT=$timeout_s \
  timeout -s TERM $((2 * timeout_s + 300)) "$root/scripts/with-postgres" \
  "$self" --postgres-phase 2>"$work/with-postgres.log" || pg_status=$?
if ((pg_status != 0)); then
  cat "$work/with-postgres.log" >&2
  for log in "$work"/pg-*.log; do
    [[ -f $log ]] && tail -n 20 "$log" >&2
  done
  die "the PostgreSQL part failed (exit status $pg_status)"
fi
sed -n 's/^with-postgres: PostgreSQL \([^ ]*\) .*/  (server: PostgreSQL \1, fsync off)/p' \
  "$work/with-postgres.log"
echo

# --- 4. Side by side. ---------------------------------------------------------------------------------------
echo "Results: $subjects subjects, $records records, bundle $bundle_mib MiB"
awk -F '\t' '
  BEGIN {
    line = "-----------+-----------------------+-----------+---------+-----------+---------"
    printf "%-10s | %-21s | %9s | %7s | %9s | %8s\n", "backend", "tool", "records", "seconds",
           "records/s", "peak MiB"
    print line
  }
  {
    printf "%-10s | %-21s | %9d | %7.1f | %9.0f | %8.0f\n", $1, $2, $3, $4,
           $3 / ($4 > 0.001 ? $4 : 0.001), $5 / 1024
    secs[$1, ($2 ~ /^ContextMap/) ? "cm" : "engine"] = $4
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
  }
  END {
    print ""
    for (i = 1; i <= n; i++) {
      b = order[i]
      printf "%s: ContextMap took %.1fx the time of the engine'"'"'s own loader\n", b,
             secs[b, "cm"] / secs[b, "engine"]
    }
  }' "$work/results.tsv"
echo "Peak MiB is the loading client's peak resident memory; the PostgreSQL server's is not included."
echo "The PostgreSQL server runs with fsync off (test settings), so its figures are not durable-write figures."
sqlite_seconds=$(awk -F '\t' '$1 == "SQLite" && $2 ~ /^ContextMap/ {print $4}' "$work/results.tsv")
if awk -v s="$sqlite_seconds" 'BEGIN {exit !(s < 60)}'; then
  echo "SQLite import under 60 s: yes (${sqlite_seconds} s)"
else
  echo "SQLite import under 60 s: no (${sqlite_seconds} s)"
fi
