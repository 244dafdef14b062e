#!/usr/bin/env bash
# HTTP load benchmark (not a test): starts `scorecards serve --demo --port 0`
# from a release binary, loads David's scorecard endpoint and /api/health with
# wrk (64 and 256 connections, 10 s each), prints requests/s and latency
# percentiles, writes them into docs/benchmarks.md under "## HTTP" (other
# sections kept), and stops the server. Builds nothing.
#
#   bash bench/http_bench.sh [path/to/release/scorecards]
#   DURATION=5s CONNECTIONS="64 256" THREADS=4 bash bench/http_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin="${1:-${SCORECARDS_BIN:-build/release/src/cli/scorecards}}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-64 256}"
wrk_threads="${THREADS:-2}"
server_threads="${SERVER_THREADS:-}"
if [[ ! -x "$bin" ]]; then
  echo "http_bench: no binary at $bin (build the release preset, or pass the path)" >&2
  exit 1
fi
if ! command -v wrk >/dev/null 2>&1; then
  echo "http_bench: installing wrk (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

extra=()
[[ -n "$server_threads" ]] && extra+=(--threads "$server_threads")
"$bin" serve --demo --port 0 "${extra[@]}" >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/^Serving on \(http:[^ ]*\)$/\1/p' "$work/stdout")
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
  sleep 0.2
done
[[ -n "$url" ]] || { echo "http_bench: the server never printed its URL" >&2; exit 1; }
david=$(curl -sf "${url}api/users" | python3 -c 'import json,sys; print(next(u["id"] for u in json.load(sys.stdin)["users"] if u["name"]=="David"))')
echo "http_bench: $url, David is $david"

cores=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
rows=()
for path in "api/users/$david/scorecard" "api/health"; do
  for c in $connections; do
    out=$(wrk -t"$wrk_threads" -c"$c" -d"$duration" --latency "${url}${path}")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '/^ +50%/ {print $2}' <<<"$out")
    p75=$(awk '/^ +75%/ {print $2}' <<<"$out")
    p90=$(awk '/^ +90%/ {print $2}' <<<"$out")
    p99=$(awk '/^ +99%/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
    total=$(awk '/requests in/ {print $1}' <<<"$out")
    line="| \`/$path\` | $c | $(printf '%.0f' "$rps") | $p50 | $p75 | $p90 | $p99 | $total | ${errors:-none} |"
    echo "$line"
    rows+=("$line")
  done
done
printf -v path_sc '/api/users/%s/scorecard' "$david"

section=$(cat <<MD
## HTTP

\`bash bench/http_bench.sh\` on $(date -u +%Y-%m-%d): \`scorecards serve --demo\` (small demo
org, release build, default thread pool) and wrk ($wrk_threads threads, $duration per
row, keep-alive) on the same machine: $cores cores, ${cpu:-unknown CPU}, load average $load
before the run (other work on the machine skews the figures). The
scorecard row computes David's full one-on-one scorecard (\`$path_sc\`) per request. cpp-httplib serves one connection per worker thread
(64 by default): with more connections than threads the rest queue until a
connection closes (after 100 requests or 2 s idle), which shows as the p99
and wrk's 2-second timeouts in the 256-connection rows.

| endpoint | connections | requests/s | p50 | p75 | p90 | p99 | requests | errors |
|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")

MD
)
mkdir -p docs
doc=docs/benchmarks.md
[[ -f "$doc" ]] || printf '# Benchmarks\n\n' >"$doc"
# Replace the "## HTTP" section (up to the next "## " heading), or append it.
python3 - "$doc" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2].rstrip() + "\n"
text = open(path).read()
pattern = re.compile(r"^## HTTP\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text, count=1)
else:
    text = text.rstrip() + "\n\n" + section
open(path, "w").write(text.rstrip() + "\n")
PY
echo "http_bench: wrote the HTTP section of $doc"
