#!/usr/bin/env bash
# Starts N ClickHouse servers (default 2 shards) on 127.0.0.1 under a fresh temp dir, each with a
# generated config naming every shard in the "lodestar" cluster, so a Distributed table on any of them
# reads the whole population. Prints the base directory on the last line; stop.sh <dir> stops them by pid.
# Usage: start.sh [shards] [first-http-port]
# With LODESTAR_CLICKHOUSE_PASSWORD (or LODESTAR_CLICKHOUSE_PASSWORD_FILE) set, the servers accept only user
# LODESTAR_CLICKHOUSE_USER (default "lodestar") with that password (stored as SHA-256), the shards talk to
# each other as that user, and "default" gets a random password: the same variables the CLI reads. The
# password is never put on a command line; the generated files are readable by their owner only.
# LODESTAR_CLICKHOUSE_MAX_MEMORY sets each server's per-query memory limit in bytes (default 2000000000).
set -euo pipefail
umask 077
shards=${1:-2}
http_base=${2:-$((20000 + RANDOM % 20000))}
server=$(command -v clickhouse-server || true)
if [[ -z "$server" && -x /usr/sbin/clickhouse-server ]]; then server=/usr/sbin/clickhouse-server; fi
if [[ -z "$server" ]]; then
  echo "clickhouse-server not found: install it (apt-get install -y clickhouse-server clickhouse-client; .ci/run does)" >&2
  exit 3
fi
base=$(mktemp -d "${TMPDIR:-/tmp}/lodestar-clickhouse.XXXXXX")

xml_escape() { local s=${1//&/\&amp;}; s=${s//</\&lt;}; s=${s//>/\&gt;}; printf '%s' "$s"; }
# If any server fails to come up, stop the ones already started (by pid) and remove the directory.
trap 'status=$?; if [[ $status -ne 0 ]]; then bash "$(dirname "$0")/stop.sh" "$base" >/dev/null 2>&1 || true; fi' EXIT
password=${LODESTAR_CLICKHOUSE_PASSWORD:-}
if [[ -n "${LODESTAR_CLICKHOUSE_PASSWORD_FILE:-}" ]]; then IFS= read -r password < "$LODESTAR_CLICKHOUSE_PASSWORD_FILE" || true; fi
user=${LODESTAR_CLICKHOUSE_USER:-lodestar}
max_memory=${LODESTAR_CLICKHOUSE_MAX_MEMORY:-2000000000}
[[ "$max_memory" =~ ^[0-9]+$ ]] || { echo "LODESTAR_CLICKHOUSE_MAX_MEMORY must be a number of bytes" >&2; exit 2; }
[[ "$user" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "LODESTAR_CLICKHOUSE_USER must be a plain name (letters, digits, _)" >&2; exit 2; }
networks="<networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota>"
: > "$base/curl.headers"
if [[ -n "$password" ]]; then
  hash=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
  unknown=$(head -c 32 /dev/urandom | sha256sum | cut -d' ' -f1)
  users="<default><password_sha256_hex>$unknown</password_sha256_hex>$networks</default>"
  users+="<$user><password_sha256_hex>$hash</password_sha256_hex>$networks</$user>"
  credentials="<user>$(xml_escape "$user")</user><password>$(xml_escape "$password")</password>"
  printf 'X-ClickHouse-User: %s\nX-ClickHouse-Key: %s\n' "$user" "$password" > "$base/curl.headers"
else
  users="<default><password></password>$networks</default>"
  credentials=""
fi

remote=""
for ((i = 0; i < shards; i++)); do
  remote+="<shard><replica><host>127.0.0.1</host><port>$((http_base + 1000 + i))</port>$credentials</replica></shard>"
done

for ((i = 0; i < shards; i++)); do
  dir="$base/s$i"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/log" "$dir/user_files" "$dir/format_schemas"
  cat > "$dir/users.xml" <<XML
<yandex>
  <profiles><default><max_memory_usage>$max_memory</max_memory_usage></default></profiles>
  <users>$users</users>
  <quotas><default></default></quotas>
</yandex>
XML
  cat > "$dir/config.xml" <<XML
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/error.log</errorlog><console>0</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$((http_base + i))</http_port>
  <tcp_port>$((http_base + 1000 + i))</tcp_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <format_schema_path>$dir/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <remote_servers><lodestar>$remote</lodestar></remote_servers>
  <!-- Written only for queries run with log_queries=1 (read_rows, memory_usage per statement and per shard). -->
  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>
</yandex>
XML
  "$server" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  echo $! > "$dir/pid"
  echo "http://127.0.0.1:$((http_base + i))" > "$dir/url"
done

# Wait (bounded) until every server answers.
for ((i = 0; i < shards; i++)); do
  url=$(cat "$base/s$i/url")
  for ((t = 0; t < 150; t++)); do
    if curl -fsS -H @"$base/curl.headers" "$url/?query=SELECT%201" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$base/s$i/pid")" 2>/dev/null; then
      echo "clickhouse shard $i exited; see $base/s$i/log" >&2; cat "$base/s$i/log/"*.log >&2 || true; exit 4
    fi
    sleep 0.2
  done
  curl -fsS -H @"$base/curl.headers" "$url/?query=SELECT%201" >/dev/null || { echo "clickhouse shard $i ($url) did not answer" >&2; exit 4; }
done
paste -sd, <(cat "$base"/s*/url) > "$base/urls"
echo "$base"
