#!/usr/bin/env bash
# Measure benchmark (issue 6 item 7): the whole catalog x 6 stratifiers x 5 yearly periods, evaluated by
# Lodestar's embedded engine and, in the same run over the same tables, by DuckDB running hand-written SQL.
# Every population and stratum count is checked to be equal on both sides; a mismatch fails the run.
# Usage: benchmarks/measures/run.sh WORKSPACE [WORKSPACE ...]   (e.g. /tmp/bench/ws-100k /tmp/bench/ws-1m)
# Build the workspaces first (README.md in this folder). Env: FIRST/LAST years (2021/2025), WORK folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
first=${FIRST:-2021}
last=${LAST:-2025}
stratify=race,ethnicity,sex,age,payer,county
work=${WORK:-/tmp/lodestar-bench-measures}
[ $# -ge 1 ] || { sed -n '2,6p' "$0"; exit 2; }
mkdir -p "$work"
(cd "$here" && [ -d node_modules/@duckdb/node-api ] || npm install --no-audit --no-fund --silent)
dotnet build "$here/MeasureBench" -c Release -v quiet --nologo >/dev/null
bench="dotnet $here/MeasureBench/bin/Release/net10.0/MeasureBench.dll"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
status=0
for ws in "$@"; do
  name=$(basename "$ws")
  csv="$work/csv-$name"
  if [ ! -f "$csv/valueset.csv" ] || [ "$ws/manifest.json" -nt "$csv/valueset.csv" ]; then
    rm -rf "$csv" && $bench export "$ws" "$csv" >/dev/null
  fi
  echo "== $name"
  /usr/bin/time -f "%e %M" -o "$work/$name.lodestar.time" \
    $bench run "$ws" "$work/$name.lodestar.csv" "$first" "$last" "$stratify" | tee "$work/$name.lodestar.out"
  /usr/bin/time -f "%e %M" -o "$work/$name.duckdb.time" \
    node "$here/duckdb-measures.mjs" "$csv" "$first" "$last" "$work/$name.lodestar.csv" "$work/$name.duckdb.csv" \
    | tee "$work/$name.duckdb.out" || status=1
  l=$(sed -n 's/^LODESTAR_EVAL_SECONDS=//p' "$work/$name.lodestar.out")
  d=$(sed -n 's/^DUCKDB_EVAL_SECONDS=//p' "$work/$name.duckdb.out")
  read -r l_wall l_kb < "$work/$name.lodestar.time"
  read -r d_wall d_kb < "$work/$name.duckdb.time"
  awk -v l="$l" -v d="$d" -v lw="$l_wall" -v lk="$l_kb" -v dw="$d_wall" -v dk="$d_kb" -v n="$name" 'BEGIN {
    printf "%s: evaluation lodestar %.2f s, duckdb %.2f s, ratio (duckdb / lodestar) %.2f\n", n, l, d, d / l
    printf "%s: process wall (incl. load) lodestar %.1f s peak RSS %d MB; duckdb %.1f s peak RSS %d MB\n", n, lw, lk / 1024, dw, dk / 1024 }'
done
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
