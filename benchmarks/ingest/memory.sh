#!/usr/bin/env bash
# Ingest memory against input size: `lodestar ingest` with its default memory budget (spilling sorted runs)
# and with a budget too large to ever spill (every row held until the end, as before row groups), on one and on
# two synthetic populations (~1 GB and ~2 GB of NDJSON). The two budgets run side by side on the same input, so
# they share the machine's load; prints wall time, peak RSS and the spill/no-spill wall ratio per size.
# Usage: benchmarks/ingest/memory.sh [PEOPLE=40000]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
people=${1:-40000}
work=${BENCH_DIR:-/tmp/lodestar-bench-ingest}
mkdir -p "$work"
dotnet build "$root/src/Lodestar.Cli" -c Release -v quiet --nologo >/dev/null
lodestar="dotnet $root/src/Lodestar.Cli/bin/Release/net10.0/lodestar.dll"
one="$work/fhir-$people"
[ -f "$one/Patient.ndjson" ] || $lodestar synth --state MS --people "$people" --seed 1 --out "$one" >/dev/null
# A second population: seed 2, with every resource id and reference prefixed "s2-" (synth ids are per index,
# so the same ids would otherwise be rejected as duplicates and never reach the tables).
two="$work/fhir-$people-s2"
if [ ! -f "$two/Patient.ndjson" ]; then
  $lodestar synth --state MS --people "$people" --seed 2 --out "$work/fhir-$people-seed2" >/dev/null
  mkdir -p "$two"
  for f in "$work/fhir-$people-seed2"/*.ndjson; do
    sed -E 's/"id":"/"id":"s2-/; s/"reference":"([A-Za-z]+)\//"reference":"\1\/s2-/g' "$f" > "$two/$(basename "$f")"
  done
fi
both="$work/fhir-$people-x2"
mkdir -p "$both"
for f in "$one"/*.ndjson; do ln -sf "$f" "$both/s1-$(basename "$f")"; done
for f in "$two"/*.ndjson; do ln -sf "$f" "$both/s2-$(basename "$f")"; done

run() { # name, input folder, extra args...
  local name=$1 input=$2; shift 2
  rm -rf "$work/ws-$name"
  /usr/bin/time -f "%e %M" -o "$work/$name.time" $lodestar ingest "$input"/*.ndjson --workspace "$work/ws-$name" "$@" > "$work/$name.out" 2>&1
}
uptime
for size in one both; do
  input=${!size}
  mb=$(du -cmL "$input"/*.ndjson | tail -1 | cut -f1)
  run "$size-spill" "$input" & a=$!
  run "$size-held" "$input" --memory-budget 1048576 & b=$!
  wait $a $b
  read -r s_secs s_kb < "$work/$size-spill.time"
  read -r h_secs h_kb < "$work/$size-held.time"
  awk -v mb="$mb" -v ss="$s_secs" -v sk="$s_kb" -v hs="$h_secs" -v hk="$h_kb" 'BEGIN {
    printf "%5d MB input: spilling (256 MiB budget) %7.1f s peak %6d MB | holding every row %7.1f s peak %6d MB | wall ratio %.2f\n",
      mb, ss, sk / 1024, hs, hk / 1024, ss / hs }'
done
uptime
