#!/bin/sh
# Times whole commands on a generated demo data set, in the same run:
#   - cat of the CSV files (warm page cache): the speed of reading them;
#   - `scorecards import` into a fresh database (this also writes the engine
#     snapshot beside it);
#   - engine load, as `scorecards report --rep David --format json`: once from
#     the snapshot, once with the snapshot removed (the SQLite scan, which
#     rewrites the snapshot).
# Each is run RUNS times; the median wall time, the median CPU time (user +
# system: less sensitive to other load on the machine) and the largest max
# RSS are printed. Then, when built, bench/import_bench splits reading+validation
# from the SQLite writes.
#
#   bench/import_bench.sh [BUILD_DIR] [SCALE] [RUNS]
#   BUILD_DIR: a -DCMAKE_BUILD_TYPE=Release build (default build/rel)
#   SCALE:     `scorecards demo --scale`: large (2.6 GB), 17 (quick), ... (default 17)
#   RUNS:      repetitions (default 3)
#   SC_BENCH_DIR: where data and databases go (default $TMPDIR or /tmp)
set -eu
build=${1:-build/rel}
scale=${2:-17}
runs=${3:-3}
bin=$build/src/cli/scorecards
dir=${SC_BENCH_DIR:-${TMPDIR:-/tmp}}
data=$dir/sc_bench_$scale
db=$dir/sc_bench_$scale.db
asof=2026-12-17
[ -f "$data/users.csv" ] || "$bin" demo --out "$data" --scale "$scale" --as-of "$asof" > /dev/null
echo "data: $data ($(du -shL "$data" | cut -f1)), scale $scale, median of $runs"

median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# run NAME CMD...: runs CMD $runs times; prints the median wall time and max RSS.
run() {
  name=$1
  shift
  times=""
  cpus=""
  rss=0
  i=0
  while [ "$i" -lt "$runs" ]; do
    [ -n "${before:-}" ] && eval "$before"
    /usr/bin/time -f "%e %U %S %M" -o "$dir/sc_bench_time" "$@" > /dev/null
    read -r t u s m < "$dir/sc_bench_time"
    times="$times $t"
    cpus="$cpus $(echo "$u $s" | awk '{print $1 + $2}')"
    [ "$m" -gt "$rss" ] && rss=$m
    i=$((i + 1))
  done
  printf "  %-34s %8s s wall  %8s s cpu  (runs:%s)  max RSS %d MB\n" "$name" \
    "$(median $times)" "$(median $cpus)" "$times" $((rss / 1024))
}

cat "$data"/* > /dev/null  # warm the page cache
before=""
run "cat" sh -c "cat '$data'/* > /dev/null"
before="rm -f '$db' '$db-wal' '$db-shm' '$db.engine'"
run "scorecards import" "$bin" import "$data" --db "$db"
before=""
run "report (engine load: snapshot)" "$bin" report --rep David --db "$db" --format json --as-of "$asof"
before="rm -f '$db.engine'"
run "report (engine load: SQLite scan)" "$bin" report --rep David --db "$db" --format json --as-of "$asof"
before=""
if [ -x "$build/bench/import_bench" ]; then
  rm -f "$db" "$db-wal" "$db-shm" "$db.engine"
  "$build/bench/import_bench" "$data" "$db"
fi
