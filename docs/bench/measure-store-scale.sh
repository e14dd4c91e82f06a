#!/usr/bin/env bash
# Measures the store at scale with the release `spotcheck`: importing a
# generated directory of ROWS entities, drawing from it, and verifying the
# draw, each run RUNS times, with wall time and peak RSS from
# /usr/bin/time -v; prints every run and the medians.
#
#   docs/bench/measure-store-scale.sh ROWS PLAN STORE [RUNS]
#
#   ROWS   entities to generate (docs/bench/large-directory.py), e.g. 1000000
#   PLAN   count-100 | strata-5pct (docs/bench/plans/bench-PLAN.yaml)
#   STORE  sqlite, or a PostgreSQL server URL whose user may create
#          databases, e.g. 'postgresql://postgres@/postgres?host=/tmp/pg&port=5432'
#          (each import run gets a fresh database spotcheck_bench_N there)
#   RUNS   default 3
#
# Environment: SPOTCHECK (default .build/release/spotcheck, built with
# `swift build -c release --product spotcheck`), SCRATCH (default
# /tmp/spotcheck-scale), VERIFY=0 to skip `draw verify`, FORMS=0 to pass
# --no-forms to the draw.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rows=${1:?ROWS}; plan=${2:?PLAN}; store=${3:?STORE}; runs=${4:-3}
spotcheck=${SPOTCHECK:-$root/.build/release/spotcheck}
scratch=${SCRATCH:-/tmp/spotcheck-scale}
data="$scratch/data-$rows"
mkdir -p "$scratch"
[ -f "$data/entities.csv" ] || python3 "$root/docs/bench/large-directory.py" "$rows" "$data"
ls -l "$data"

# One timed command: prints "seconds max_rss_kib", keeps its output in $scratch/last.*.
timed() {
  /usr/bin/time -v -o "$scratch/time.txt" "$@" >"$scratch/last.out" 2>"$scratch/last.err" || {
    echo "FAILED: $*" >&2; tail -n 20 "$scratch/last.err" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$scratch/time.txt" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$scratch/time.txt")
  echo "$wall $rss"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

location() {   # the store of import run $1
  if [ "$store" = sqlite ]; then
    echo "$scratch/store-$rows-$1.sqlite"
  else
    local db="spotcheck_bench_$1"
    # The server's own database in the URL is where databases are made.
    psql -X -q -d "$(pg_conninfo)" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    echo "$store" | sed -E "s#(postgres(ql)?://[^/]*/)[^?]*#\1$db#"
  fi
}

# psql takes the same URL form (host= and port= parameters).
pg_conninfo() { echo "$store"; }

declare -a import_s import_k draw_s draw_k verify_s verify_k
last=""
for n in $(seq 1 "$runs"); do
  s=$(location "$n")
  [ "$store" = sqlite ] && rm -f "$s" "$s-wal" "$s-shm"
  "$spotcheck" init --store "$s" --root "$root" >/dev/null
  read -r t k < <(timed "$spotcheck" import --store "$s" --root "$root" --jurisdiction changli \
    --entities "$data/entities.csv" --inspectors "$data/inspectors.csv")
  echo "import run $n: ${t}s, ${k} KiB"
  import_s+=("$t"); import_k+=("$k"); last="$s"
done

for n in $(seq 1 "$runs"); do
  # Each run draws a plan of its own (a plan is drawn once).
  planfile="$scratch/bench-$plan-r$n.yaml"
  sed -E "s/^plan: (.*)$/plan: \1-r$n/" "$root/docs/bench/plans/bench-$plan.yaml" >"$planfile"
  out="$scratch/draw-$plan-r$n"; rm -rf "$out"
  flags=(); [ "${FORMS:-1}" = 0 ] && flags+=(--no-forms)
  read -r t k < <(timed "$spotcheck" draw "$planfile" --store "$last" --root "$root" \
    --seed-string "bench-$n" --on 2023-11-01 --out "$out" "${flags[@]}")
  echo "draw run $n: ${t}s, ${k} KiB ($(grep -c '' "$out/report.txt") report lines)"
  draw_s+=("$t"); draw_k+=("$k")
  if [ "${VERIFY:-1}" = 1 ]; then
    read -r t k < <(timed "$spotcheck" draw verify "$out/certificate.json" --entities "$data/entities.csv" \
      --inspectors "$data/inspectors.csv" --plan "$planfile" --root "$root")
    echo "verify run $n: ${t}s, ${k} KiB: $(head -c 120 "$scratch/last.out")"
    verify_s+=("$t"); verify_k+=("$k")
  fi
done

echo
echo "medians over $runs runs, $rows rows, plan $plan, store $([ "$store" = sqlite ] && echo SQLite || echo PostgreSQL):"
printf 'import  %8.2f s  %8d MiB\n' "$(printf '%s\n' "${import_s[@]}" | median)" "$(( $(printf '%s\n' "${import_k[@]}" | median) / 1024 ))"
printf 'draw    %8.2f s  %8d MiB\n' "$(printf '%s\n' "${draw_s[@]}" | median)" "$(( $(printf '%s\n' "${draw_k[@]}" | median) / 1024 ))"
if [ "${VERIFY:-1}" = 1 ]; then
  printf 'verify  %8.2f s  %8d MiB\n' "$(printf '%s\n' "${verify_s[@]}" | median)" "$(( $(printf '%s\n' "${verify_k[@]}" | median) / 1024 ))"
fi
