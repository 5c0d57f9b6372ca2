#!/usr/bin/env bash
# Ingest benchmark: Lodestar (`lodestar ingest`) against DuckDB (read_json into the same columns), on the
# same synthetic NDJSON, in one run; prints throughput, peak memory and the ratio.
# Usage: benchmarks/ingest/run.sh [PEOPLE=40000]   (40k people ≈ 1 GB of NDJSON)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
people=${1:-40000}
work=${BENCH_DIR:-/tmp/lodestar-bench-ingest}
mkdir -p "$work"
(cd "$here" && [ -d node_modules/@duckdb/node-api ] || npm install --no-audit --no-fund --silent)
dotnet build "$root/src/Lodestar.Cli" -c Release -v quiet --nologo >/dev/null
lodestar="dotnet $root/src/Lodestar.Cli/bin/Release/net10.0/lodestar.dll"
data="$work/fhir-$people"
if [ ! -f "$data/Patient.ndjson" ]; then
  $lodestar synth --state MS --people "$people" --seed 1 --out "$data" >/dev/null
fi
mb=$(du -cm "$data"/*.ndjson | tail -1 | cut -f1)
echo "input: $people people, $mb MB of NDJSON in $data"

measure() { # name, command...: wall seconds and peak RSS (MB) via GNU time
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out" 2>&1
  read -r secs kb < "$work/$name.time"
  echo "$secs $((kb / 1024))"
}
rm -rf "$work/ws"
read -r l_secs l_mb < <(measure lodestar $lodestar ingest $(ls "$data"/*.ndjson) --workspace "$work/ws")
read -r d_secs d_mb < <(measure duckdb node "$here/duckdb-ingest.mjs" "$data")
awk -v mb="$mb" -v ls="$l_secs" -v lm="$l_mb" -v ds="$d_secs" -v dm="$d_mb" 'BEGIN {
  printf "lodestar ingest : %7.1f s  %7.1f MB/s  peak %6d MB\n", ls, mb / ls, lm
  printf "duckdb read_json: %7.1f s  %7.1f MB/s  peak %6d MB\n", ds, mb / ds, dm
  printf "ratio (lodestar throughput / duckdb): %.2f\n", ds / ls }'
