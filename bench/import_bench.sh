#!/bin/sh
# Times a whole `scorecards import` of a generated native data set against
# reading the same files with cat, in the same run.
#
#   bench/import_bench.sh [BUILD_DIR] [OPPORTUNITIES]
#   (BUILD_DIR defaults to build/rel: a -DCMAKE_BUILD_TYPE=Release build)
set -eu
build=${1:-build/rel}
opps=${2:-100000}
data=${TMPDIR:-/tmp}/sc_import_bench_$opps
db=${TMPDIR:-/tmp}/sc_import_bench.db
here=$(dirname "$0")
[ -f "$data/users.csv" ] || python3 "$here/gen_native.py" "$data" "$opps"
du -sh "$data"
cat "$data"/* > /dev/null   # warm the page cache for both runs
echo "cat:"
/usr/bin/time -f "  %e s wall, %U s user, %M KB max RSS" sh -c "cat '$data'/* > /dev/null"
rm -f "$db" "$db-wal" "$db-shm"
echo "scorecards import:"
/usr/bin/time -f "  %e s wall, %U s user, %M KB max RSS" "$build/src/cli/scorecards" import "$data" --db "$db"
if [ -x "$build/bench/import_bench" ]; then
  "$build/bench/import_bench" "$data" "$db"
fi
