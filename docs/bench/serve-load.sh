#!/usr/bin/env bash
# Load on `spotcheck serve` (issue: the county's web service). Needs a
# release build and wrk (apt-get install wrk).
#   docs/bench/serve-load.sh submissions   # 64 clients submitting findings, acknowledged once durable
#   docs/bench/serve-load.sh search [N]    # public search over N (1,000,000) published records
# SERVE_WRAP runs the server under a profiler, e.g.
#   SERVE_WRAP="perf record -e cpu-clock -g -o /tmp/serve.perf --" docs/bench/serve-load.sh submissions
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-submissions}"
bin=".build/release/spotcheck"
[ -x "$bin" ] || swift build -c release --product spotcheck
work="$(mktemp -d /tmp/spotcheck-load.XXXXXX)"
port=$((40000 + $$ % 10000))
samples=Rules/samples/kuancheng
cleanup() { [ -n "${server:-}" ] && kill -INT "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ "$mode" = submissions ]; then
  plan=2024-kuancheng-registration-routine
  "$bin" init --store "$work/s.sqlite" >/dev/null
  "$bin" import --store "$work/s.sqlite" --jurisdiction kuancheng --entities "$samples/schools.csv" "$samples/food_businesses.csv" \
    --inspectors "$samples/inspectors.csv" >/dev/null
  "$bin" draw "$plan" --store "$work/s.sqlite" --seed-string load --on 2024-05-29 --out "$work/forms" >/dev/null 2>&1
  "$bin" workload submissions --store "$work/s.sqlite" --plan "$plan" --on 2024-06-10 --out "$work/load"
  ${SERVE_WRAP:-} "$bin" serve --store "$work/s.sqlite" --port "$port" --on 2024-06-20 >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "http://" "$work/serve.log" && break; sleep 0.1; done
  python3 docs/bench/serve-load.py submissions --base "http://127.0.0.1:$port" --requests "$work/load/requests.tsv" \
    --store "$work/s.sqlite" "${@:2}"
  "$bin" audit verify --store "$work/s.sqlite" | tail -n 1
else
  count="${2:-1000000}"
  "$bin" workload disclosures --store "$work/s.sqlite" --count "$count" --queries "$work/queries.txt"
  ${SERVE_WRAP:-} "$bin" serve --store "$work/s.sqlite" --port "$port" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "http://" "$work/serve.log" && break; sleep 0.1; done
  python3 docs/bench/serve-load.py search --base "http://127.0.0.1:$port" --queries "$work/queries.txt" --connections 8 "${@:3}"
fi
