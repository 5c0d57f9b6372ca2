#!/usr/bin/env bash
# Stops the servers start.sh started under <dir>, by their process ids only, and removes the dir.
set -euo pipefail
base=${1:?usage: stop.sh <dir printed by start.sh>}
for pidfile in "$base"/s*/pid; do
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for ((t = 0; t < 100; t++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
done
case "$base" in */lodestar-clickhouse.*) rm -rf "$base" ;; esac
