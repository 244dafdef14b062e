#!/usr/bin/env bash
# The README's main command: installs what is missing, builds the release
# binary and the web dashboard, and serves freshly generated demo data.
#
#   bash tools/run-demo.sh            # http://127.0.0.1:8080/
#   PORT=9000 bash tools/run-demo.sh
#
# Ctrl-C stops the server (and removes its temporary demo database).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target scorecards
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build)
echo "run-demo: starting the server; open the URL below (Ctrl-C to stop)"
exec build/release/src/cli/scorecards serve --demo --port "${PORT:-8080}" --web-root web/dist
