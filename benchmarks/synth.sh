#!/usr/bin/env bash
# Synth benchmark (issue 5): people/s, MB/s and peak memory for 100k and 1M people with five years of
# history, the disk's own write bandwidth (dd) as the peer those figures are bounded by, and the CPU cost
# per person, from which the rate with both cores to itself and no disk follows.
# Needs ~30 GB free under $OUT for the 1M run; each output is deleted after its run. With MEM set (a
# tmpfs folder such as /dev/shm/lodestar-bench, ~3 GB free) it also runs 100k there, so the figures
# separate disk from CPU, and 20k there, so the difference gives the steady-state CPU per person (past
# start-up and the JIT's warm-up, which a 100k run still carries).
# Usage: benchmarks/synth.sh [STATE] [OUT] [SIZES]   (defaults MS, /tmp/lodestar-bench, "100000 1000000")
set -euo pipefail
STATE=${1:-MS}
OUT=${2:-/tmp/lodestar-bench}
SIZES=${3:-100000 1000000}
MEM=${MEM:-}
cd "$(dirname "$0")/.."
dotnet build -c Release src/Lodestar.Cli -v quiet -nologo >/dev/null
LODESTAR=src/Lodestar.Cli/bin/Release/net10.0/lodestar.dll

# One run: the CLI's own summary line, then CPU seconds and peak memory from GNU time.
run() { # folder people
  rm -rf "$1"
  /usr/bin/time -f "cpu %U %S rss %M" dotnet "$LODESTAR" synth --state "$STATE" --people "$2" \
    --years 2021..2025 --seed 1 --out "$1" 2>&1 | grep -E "^Wrote|^cpu"
  rm -rf "$1"
}

mkdir -p "$OUT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "disk peer: $(dd if=/dev/zero of="$OUT/dd.bin" bs=1M count=2048 conv=fdatasync 2>&1 | tail -1)"
rm -f "$OUT/dd.bin"
# Start-up (county registry, boundaries, JIT) costs the same at any N; a one-person run measures it.
read -r _ su ss _ _ < <(run "$OUT/startup" 1 | grep "^cpu")
startup=$(awk -v a="$su" -v b="$ss" 'BEGIN { print a + b }')
echo "start-up cpu: ${startup} s"
targets=()
for n in $SIZES; do targets+=("$OUT/$n:$n"); done
[ -n "$MEM" ] && targets+=("$MEM/100000:100000")
for t in "${targets[@]}"; do
  folder=${t%%:*}; n=${t##*:}
  mkdir -p "$(dirname "$folder")"
  lines=$(run "$folder" "$n")
  echo "$lines" | grep "^Wrote"
  read -r _ u s _ rss < <(echo "$lines" | grep "^cpu")
  [ "$folder" = "$MEM/100000" ] && { memu=$u; mems=$s; }
  echo "$u $s $rss $startup $n $(nproc)" | awk '{ per = ($1 + $2 - $4) / $5 * 1e6;
    printf "  cpu %.1f s user + %.1f s sys, peak RSS %d MB; %.1f us cpu per person -> %.0f people/s with %d idle cores and no disk wait\n",
      $1, $2, $3 / 1024, per, $6 / per * 1e6, $6 }'
done
if [ -n "$MEM" ]; then
  read -r _ u20 s20 _ _ < <(run "$MEM/20000" 20000 | grep "^cpu")
  echo "$memu $mems $u20 $s20" | awk '{ u = ($1 - $3) / 80000 * 1e6; s = ($2 - $4) / 80000 * 1e6;
    printf "steady state on tmpfs (100k run minus 20k run): %.1f us user + %.1f us sys = %.1f us cpu per person\n", u, s, u + s }'
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows wall-clock figures)"
