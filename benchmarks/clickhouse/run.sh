#!/usr/bin/env bash
# Scale-out benchmark: ingest rate into ClickHouse, full-catalog evaluation on the embedded engine and on
# ClickHouse with 1 and 2 shards, optionally the same data replicated ×K inside ClickHouse (2 shards), with
# client and server memory. Checks that every group and stratum count agrees between the executors (and is
# exactly K× the base counts after replication), prints figures and ratios from this one run.
# Usage: run.sh <workspace> [copies]     e.g. run.sh /tmp/bench/ws-1m 10
# SHARDS="2" skips the one-shard cluster (its load and evaluation) when time is short; default "1 2".
set -euo pipefail
workspace=${1:?usage: run.sh <workspace> [copies]}
copies=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
scripts=$repo/scripts/clickhouse
work=$(mktemp -d "${TMPDIR:-/tmp}/lodestar-bench-ch.XXXXXX")
one="" two=""
cleanup() {
  [[ -n "$one" ]] && bash "$scripts/stop.sh" "$one" >/dev/null 2>&1 || true
  [[ -n "$two" ]] && bash "$scripts/stop.sh" "$two" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# The bench clusters have no password: keep a developer's credentials out of them and of the client.
unset LODESTAR_CLICKHOUSE_USER LODESTAR_CLICKHOUSE_PASSWORD LODESTAR_CLICKHOUSE_PASSWORD_FILE

echo "# load before: $(uptime)"
echo "# per-query memory limit per server: ${LODESTAR_CLICKHOUSE_MAX_MEMORY:-2000000000} bytes"
dotnet build -c Release "$here/Lodestar.Bench.ClickHouse" -o "$work/bin" >/dev/null
bench() { dotnet "$work/bin/Lodestar.Bench.ClickHouse.dll" "$@"; }
# Resident memory of each server of a cluster (current and peak since start), MB.
server_rss() {
  local out="" f
  for f in "$1"/s*/pid; do
    local pid; pid=$(cat "$f")
    out+="$(awk -v s="$(basename "$(dirname "$f")")" '/^VmRSS/{r=$2} /^VmHWM/{h=$2} END{printf "%s_rss_mb=%d %s_peak_rss_mb=%d ", s, r/1024, s, h/1024}' "/proc/$pid/status")"
  done
  echo "$out"
}
disk_mb() { du -sm "$1" | cut -f1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
query() { curl -fsS "$1" --data-binary "$2"; }

shards=${SHARDS:-1 2}
with_one=0; [[ " $shards " == *" 1 "* ]] && with_one=1
(( with_one )) && one=$(bash "$scripts/start.sh" 1 | tail -1)
two=$(bash "$scripts/start.sh" 2 | tail -1)

echo "## ingest (workspace tables → cluster)"
if (( with_one )); then l1=$(bench load "$workspace" "$(cat "$one/urls")" bench); echo "$l1 $(server_rss "$one")disk_mb=$(disk_mb "$one")"; fi
l2=$(bench load "$workspace" "$(cat "$two/urls")" bench); echo "$l2 $(server_rss "$two")disk_mb=$(disk_mb "$two")"

echo "## full-catalog evaluation"
e0=$(bench eval embedded "$workspace" "$work/embedded.txt"); echo "$e0"
if (( with_one )); then
  e1=$(bench eval clickhouse "$(cat "$one/urls")" "$work/ch1.txt"); echo "$e1 $(server_rss "$one")"
  cmp -s "$work/embedded.txt" "$work/ch1.txt" || { echo "MISMATCH: embedded vs ClickHouse 1 shard"; diff "$work/embedded.txt" "$work/ch1.txt" | head -20; exit 1; }
fi
e2=$(bench eval clickhouse "$(cat "$two/urls")" "$work/ch2.txt"); echo "$e2 $(server_rss "$two")"
cmp -s "$work/embedded.txt" "$work/ch2.txt" || { echo "MISMATCH: embedded vs ClickHouse 2 shards"; diff "$work/embedded.txt" "$work/ch2.txt" | head -20; exit 1; }
echo "check: $(wc -l < "$work/embedded.txt") group/stratum lines identical on embedded$( (( with_one )) && echo ", 1 shard"), 2 shards"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
echo "## ratios (same run)"
echo "eval time ClickHouse 2 shards ÷ embedded: $(ratio "$(field eval_s "$e2")" "$(field eval_s "$e0")")"
if (( with_one )); then
  echo "ingest rows/s 2 shards ÷ 1 shard: $(ratio "$(field rows_per_s "$l2")" "$(field rows_per_s "$l1")")"
  echo "eval time ClickHouse 1 shard ÷ embedded: $(ratio "$(field eval_s "$e1")" "$(field eval_s "$e0")")"
  echo "eval time 2 shards ÷ 1 shard: $(ratio "$(field eval_s "$e2")" "$(field eval_s "$e1")")"
fi

if (( copies > 1 )); then
  echo "## ×$copies inside ClickHouse (2 shards): INSERT … SELECT per shard, patient_key and id suffixed per copy"
  start=$(date +%s.%N)
  for url in $(tr , ' ' < "$two/urls"); do
    for table in $(query "$url" "SELECT name FROM system.tables WHERE database = 'lodestar' AND engine LIKE '%MergeTree' FORMAT TSV"); do
      cols=$(query "$url" "SELECT name FROM system.columns WHERE database = 'lodestar' AND table = '$table' ORDER BY position FORMAT TSV" 2>/dev/null \
        || query "$url" "SELECT name FROM system.columns WHERE database = 'lodestar' AND table = '$table' FORMAT TSV")
      for ((k = 2; k <= copies; k++)); do
        select=""
        for c in $cols; do
          case "$c" in
            patient_key|id) select+="if(isNull($c), $c, concat($c, '~$k')), " ;;
            _batch) select+="'bench-x$k', " ;;
            *) select+="$c, " ;;
          esac
        done
        query "$url" "INSERT INTO lodestar.$table ($(tr '\n' ',' <<<"$cols" | sed 's/,$//')) SELECT ${select%, } FROM lodestar.$table WHERE _batch = 'bench'"
      done
    done
  done
  replicate_s=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
  echo "replicate_s=$replicate_s $(server_rss "$two")disk_mb=$(disk_mb "$two")"
  eK=$(bench eval clickhouse "$(cat "$two/urls")" "$work/chK.txt"); echo "$eK $(server_rss "$two")"
  # Every count must be exactly copies × the base count (the copies are the same patients under new keys).
  awk -v k="$copies" '{ for (i = 1; i <= NF; i++) if ($i ~ /^[a-z-]+=[0-9]+$/) { split($i, p, "="); $i = p[1] "=" p[2] * k } print }' "$work/embedded.txt" > "$work/expectedK.txt"
  cmp -s "$work/expectedK.txt" "$work/chK.txt" || { echo "MISMATCH: ×$copies counts are not $copies × the base counts"; diff "$work/expectedK.txt" "$work/chK.txt" | head -20; exit 1; }
  echo "check: every count at ×$copies is exactly $copies × the embedded count"
  echo "eval time ×$copies ÷ ×1 (2 shards): $(ratio "$(field eval_s "$eK")" "$(field eval_s "$e2")")"
fi
echo "# load after: $(uptime)"
