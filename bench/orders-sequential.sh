#!/usr/bin/env bash
# One client, one request at a time: curl's own time_total for each of N requests per query, against a data directory
# loaded by bench/orders.sh. A cross-check of orders.sh's autocannon latencies, which on this machine contradict its
# own request rates (at 4 connections, 1,000+ req/s with a p50 of 20 ms cannot both hold: see bench/README.md).
# Usage: bench/orders-sequential.sh [JAR]   env: DATA_DIR (/tmp/traveler-orders-bench), PORT (18090), N (150), JAVA
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-$(ls -t target/traveler-*.jar | head -1)}
data=${DATA_DIR:-/tmp/traveler-orders-bench}
port=${PORT:-18090}
n=${N:-150}
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64/bin/java 2>/dev/null || command -v java)}
[[ -f $data/bench.env ]] || { echo "no loaded data set in $data: run bench/orders.sh first" >&2; exit 1; }
source "$data/bench.env"
base=http://localhost:$port
"$JAVA" -jar "$jar" --server.port="$port" --traveler.data-dir="$data" >"$data/sequential-app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "$base/actuator/health" >/dev/null && break; sleep 1; done
token() {
  curl -fsS -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg e "$1" --arg p "$password" '{email: $e, password: $p}')" "$base/api/auth/token" | jq -r .access_token
}
factory=$(token "$factory_email")
brand=$(token "$brand_email")
newest=$(curl -fsS -H "Authorization: Bearer $factory" "$base/api/orders?limit=1")
code=$(jq -r '.items[0].code' <<<"$newest")
customer=$(jq -r '.items[0].customer_id' <<<"$newest")
word=$(jq -r '.items[0].party_name' <<<"$newest" | awk '{print $1}')
measure() { # name token path goal
  local auth=()
  [[ -n $2 ]] && auth=(-H "Authorization: Bearer $2")
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' "${auth[@]}" "$base$3"; done |
    tail -n $((n * 4 / 5)) | sort -n |
    awk -v name="$1" -v goal="$4" '{t[NR] = $1 * 1000} END {
      p95 = t[int(NR * 0.95)]
      printf "%-18s p50 %6.1f ms  p95 %6.1f ms  goal %s %s\n", name, t[int(NR / 2)], p95, goal,
        goal == "-" ? "" : (p95 < goal ? "PASS" : "MISS") }'
}
echo "jar: $jar   data: $data ($orders orders)   $n requests per query, the first fifth as warm-up"
measure health_floor "" /actuator/health -
measure list_newest "$factory" "/api/orders?limit=50" 50
measure phase_by_ordered "$factory" "/api/orders?phase=PRODUCTION&sort=ordered_on&limit=50" 50
measure delivered_by_total "$factory" "/api/orders?phase=DELIVERED&sort=-total&limit=50" 50
measure customer_history "$factory" "/api/orders?customer_id=$customer&limit=50" 20
measure search_code "$factory" "/api/orders?q=${code:0:12}&limit=50" 100
measure search_name "$factory" "/api/orders?q=$word&limit=50" 100
measure brand_list "$brand" "/api/orders?limit=50" 50
