#!/bin/sh
# Runs the whole comparison in one go and writes docs/benchmarks.md (its
# header and the section "Engine vs DuckDB and SQLite"; other sections of the
# file are kept as they are):
#   1. builds scorecards and engine_bench (Release), if needed;
#   2. generates the demo data at SCALE (if missing) and times `scorecards import`;
#   3. runs engine_bench on the imported database (5 repetitions, medians);
#   4. installs @duckdb/node-api into bench/compare/.deps (git-ignored, not a
#      product dependency) and runs bench/compare/duckdb.mjs (CSV load + the
#      queries) and bench/compare/sqlite.mjs (indexes + the queries on the
#      product's database) on the same files;
#   5. checks that the SQL figures agree with the engine's (validate.mjs);
#   6. writes the medians and ratios into docs/benchmarks.md.
#
#   bench/run_all.sh [SCALE]     SCALE: 17 (medium, default; ~22k opportunities) or large
# Environment:
#   BUILD_DIR     Release build (default build/rel)
#   SC_BENCH_DIR  where data, databases and results go (default $TMPDIR or /tmp)
#   SC_BENCH_DATA an existing native data folder to use instead of generating one
#   IMPORT_RUNS   `scorecards import` repetitions (default 3; 1 at large)
#   SC_COMPARE_RUNS  timed runs of each SQL query after a warm-up (default 5)
#   NO_DOCS=1     do not touch docs/benchmarks.md
set -eu
cd "$(dirname "$0")/.."
scale=${1:-17}
build=${BUILD_DIR:-build/rel}
dir=${SC_BENCH_DIR:-${TMPDIR:-/tmp}}
asof=2026-12-17
bin=$build/src/cli/scorecards
data=${SC_BENCH_DATA:-$dir/sc_bench_$scale}
db=$dir/sc_compare_$scale.db
out=$dir/sc_compare_$scale
if [ "$scale" = large ]; then import_runs=${IMPORT_RUNS:-1}; else import_runs=${IMPORT_RUNS:-3}; fi
mkdir -p "$out"
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== build ($build)"
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] ||
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j2 --target scorecards engine_bench > "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }

echo "== data ($data)"
[ -f "$data/users.csv" ] || "$bin" demo --out "$data" --scale "$scale" --as-of "$asof"
du -sb "$data" | cut -f1 > "$out/data_bytes"

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "== read the files (cat, warm cache) and scorecards import x$import_runs"
cat "$data"/*.csv > /dev/null
/usr/bin/time -f "%e" -o "$out/cat.time" sh -c "cat '$data'/*.csv > /dev/null"
times=""
rss=0
i=0
while [ "$i" -lt "$import_runs" ]; do
  rm -f "$db" "$db-wal" "$db-shm" "$db.engine"
  /usr/bin/time -f "%e %M" -o "$out/import.time" "$bin" import "$data" --db "$db" > "$out/import.log"
  read -r t m < "$out/import.time"
  times="$times $t"
  [ "$m" -gt "$rss" ] && rss=$m
  i=$((i + 1))
done
echo "$times" | median > "$out/import_s"
echo "$times" > "$out/import_runs"
echo "$rss" > "$out/import_rss_kb"
echo "   import median $(cat "$out/import_s") s (runs:$times)"

echo "== engine_bench (5 repetitions, medians)"
SC_BENCH_DB=$db "$build/bench/engine_bench" --benchmark_format=json --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true --benchmark_out="$out/engine.json" --benchmark_out_format=json \
  > /dev/null 2> "$out/engine.stderr" || { cat "$out/engine.stderr"; exit 1; }
grep 'engine_bench:' "$out/engine.stderr" || true

echo "== DuckDB"
if [ ! -d bench/compare/.deps/node_modules/@duckdb/node-api ]; then
  npm install --prefix bench/compare/.deps --no-audit --no-fund --loglevel=error @duckdb/node-api@1.5.6-r.1 > /dev/null
fi
node bench/compare/duckdb.mjs --data "$data" --as-of "$asof" --out "$out/duckdb.json"

echo "== SQLite"
command -v sqlite3 > /dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 > /dev/null; }
node bench/compare/sqlite.mjs --db "$db" --data "$data" --as-of "$asof" --out "$out/sqlite.json"

echo "== agreement with the engine"
validated=0
node bench/compare/validate.mjs --bin "$bin" --db "$db" --as-of "$asof" --out "$out/validate.json" \
  "$out/duckdb.json" "$out/sqlite.json" > "$out/validate.txt" || validated=$?
tail -5 "$out/validate.txt"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$(( $(date +%s) - started ))
echo "$load_before" > "$out/load_before"
echo "$load_after" > "$out/load_after"
echo "$elapsed" > "$out/elapsed_s"
date -u "+%Y-%m-%d %H:%M" > "$out/run_at"
if [ "${NO_DOCS:-}" != 1 ]; then
  node bench/compare/report.mjs --scale "$scale" --dir "$out" --data "$data" --doc docs/benchmarks.md
fi
echo "== done in ${elapsed} s; results in $out"
[ "$validated" = 0 ] || { echo "run_all: the SQL figures disagree with the engine's (see $out/validate.txt)"; exit 1; }
