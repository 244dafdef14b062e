#!/usr/bin/env bash
# Sets up, builds under AddressSanitizer + UndefinedBehaviorSanitizer, and runs
# every test: the C++ suites (ctest), a one-iteration smoke run of each
# benchmark on tiny data, the web unit tests (vitest) and the browser tests
# (playwright-core in Debian's Chromium) against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j2
bash tools/bench_smoke.sh build/asan
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build && npm test)
bash tools/e2e.sh
