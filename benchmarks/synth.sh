#!/usr/bin/env bash
# Synth benchmark (issue 5): people/s, MB/s and peak memory for 100k and 1M people with five years of
# history. Needs ~30 GB free under $OUT for the 1M run; each output is deleted after its run.
# Usage: benchmarks/synth.sh [STATE] [OUT]     (default MS, /tmp/lodestar-bench)
set -euo pipefail
STATE=${1:-MS}
OUT=${2:-/tmp/lodestar-bench}
cd "$(dirname "$0")/.."
dotnet build -c Release src/Lodestar.Cli -v quiet -nologo >/dev/null
for n in 100000 1000000; do
  rm -rf "$OUT/$n"
  /usr/bin/time -f "  cpu: %U s user, %S s sys; peak RSS %M KB" \
    dotnet src/Lodestar.Cli/bin/Release/net10.0/lodestar.dll synth --state "$STATE" --people "$n" \
      --years 2021..2025 --seed 1 --out "$OUT/$n" 2>&1 | grep -E "^Wrote|cpu:"
  rm -rf "$OUT/$n"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows wall-clock figures)"
