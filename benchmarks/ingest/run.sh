#!/usr/bin/env bash
# Ingest benchmark: Lodestar (`lodestar ingest`) against DuckDB (read_json into the same columns), on the
# same synthetic NDJSON, in one run; prints throughput, peak memory and the ratio (medians over PAIRS pairs).
# Usage: [PAIRS=5] benchmarks/ingest/run.sh [PEOPLE=40000]   (40k people ≈ 1 GB of NDJSON)
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
# One run of each first, not counted (the page cache, and whatever the build left running), then PAIRS pairs in
# turn, Lodestar then DuckDB, so both see the same machine; the ratio is taken pair by pair and its median reported.
pairs=${PAIRS:-5}
results="$work/pairs.txt"
: > "$results"
for pair in $(seq 0 "$pairs"); do
  rm -rf "$work/ws"
  read -r l_secs l_mb < <(measure lodestar $lodestar ingest $(ls "$data"/*.ndjson) --workspace "$work/ws")
  read -r d_secs d_mb < <(measure duckdb node "$here/duckdb-ingest.mjs" "$data")
  if [ "$pair" -gt 0 ]; then
    echo "$l_secs $l_mb $d_secs $d_mb" >> "$results"
    echo "pair $pair: lodestar $l_secs s, duckdb $d_secs s"
  fi
done
awk -v mb="$mb" '
  function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
  { n++; ls[n] = $1; lm[n] = $2; ds[n] = $3; dm[n] = $4; r[n] = $3 / $1 }
  END {
    sort(ls, n); sort(lm, n); sort(ds, n); sort(dm, n); sort(r, n)
    printf "lodestar ingest : %7.1f s  %7.1f MB/s  peak %6d MB   (median of %d; %.1f-%.1f s)\n", median(ls, n), mb / median(ls, n), median(lm, n), n, ls[1], ls[n]
    printf "duckdb read_json: %7.1f s  %7.1f MB/s  peak %6d MB   (median of %d; %.1f-%.1f s)\n", median(ds, n), mb / median(ds, n), median(dm, n), n, ds[1], ds[n]
    printf "ratio (lodestar throughput / duckdb, median of the pairs): %.2f (%.2f-%.2f)\n", median(r, n), r[1], r[n] }' "$results"
