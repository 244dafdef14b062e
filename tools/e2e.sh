#!/usr/bin/env bash
# Runs the web browser tests (web/e2e, playwright-core in Debian's Chromium)
# against the real server: `scorecards serve --demo --port 0` started by the
# tests' global setup. Builds and installs nothing: run after tools/test.sh
# (or a release build) and `npm run build` in web/.
#
#   bash tools/e2e.sh                       # the asan binary, else the release one
#   SCORECARDS_BIN=path/to/scorecards bash tools/e2e.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [[ -z "${SCORECARDS_BIN:-}" ]]; then
  for candidate in build/asan/src/cli/scorecards build/release/src/cli/scorecards; do
    if [[ -x "$candidate" ]]; then SCORECARDS_BIN="$root/$candidate"; break; fi
  done
fi
if [[ -z "${SCORECARDS_BIN:-}" || ! -x "$SCORECARDS_BIN" ]]; then
  echo "e2e: no scorecards binary (build the asan or release preset first, or set SCORECARDS_BIN)" >&2
  exit 1
fi
if [[ ! -f web/dist/index.html ]]; then
  echo "e2e: web/dist is missing: run 'cd web && npm ci && npm run build' first" >&2
  exit 1
fi
if [[ ! -d web/node_modules ]]; then
  echo "e2e: web/node_modules is missing: run 'cd web && npm ci' first" >&2
  exit 1
fi
export SCORECARDS_BIN
echo "e2e: browser tests against $SCORECARDS_BIN"
cd web
exec npm run test:e2e
