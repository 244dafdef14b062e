#!/usr/bin/env bash
# Sets up, builds under AddressSanitizer + UndefinedBehaviorSanitizer, and runs
# every test: the C++ suites (ctest), the web unit tests (vitest) and the
# browser tests (playwright-core in Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j2
if [[ -f web/package.json ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build && npm test)
  if [[ -f tools/e2e.sh ]]; then bash tools/e2e.sh; fi
fi
