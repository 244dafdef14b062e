#!/usr/bin/env bash
# Runs each benchmark once on tiny data so that they keep working; the
# numbers mean nothing here (sanitizer build, tiny scale). Timings that matter
# come from bench/run_all.sh and bench/import_bench.sh on a Release build.
#
#   bash tools/bench_smoke.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: tools/bench_smoke.sh BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/src/cli/scorecards" demo --out "$work/demo" --as-of 2026-12-17 >/dev/null
"$build/bench/engine_bench" --benchmark_min_time=0 >/dev/null
"$build/bench/import_bench" "$work/demo" "$work/demo.db" >/dev/null
echo "bench smoke: engine_bench and import_bench ran"
