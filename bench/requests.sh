#!/usr/bin/env bash
# What an authenticated single-resource GET costs against the server's own HTTP ceiling: autocannon against
# GET /api/stations/{id} (a bearer token) and GET /actuator/health (open, no database), alternating, on one server.
# Usage: bench/requests.sh [JAR]     env: ROUNDS (3), SECONDS_PER_RUN (15), CONNECTIONS (64), WARM_UP (5),
#                                         PORT (18080), JAVA, JVM_OPTS, KEY (0; 1 = an API key instead of a token)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

command -v autocannon >/dev/null || die "autocannon is missing; install it with: npm i -g autocannon"
command -v jq >/dev/null || die "jq is missing"
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-15}
connections=${CONNECTIONS:-64}
warm_up=${WARM_UP:-5}
port=${PORT:-18080}
base=http://127.0.0.1:$port
work=$(mktemp -d)
log=$work/app.log

cleanup() {
  local rc=$?
  stop_app
  if ((rc != 0)) && [[ -f $log ]]; then
    echo "--- last lines of $log" >&2
    tail -n 40 "$log" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "jar:  $jar"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start_app "$jar" "$port" "$work/data" "$log"
wait_healthy "$port" 900 || die "the server did not become healthy"

post() { curl -fsS -H 'Content-Type: application/json' "${@:3}" -d "$2" "$base$1"; }
email="bench-$(date +%s%N)@example.com"
password="bench-password-$RANDOM-$RANDOM"
post /api/auth/signup "$(jq -nc --arg e "$email" --arg p "$password" \
  '{organization_name: "Bench requests", organization_kind: "FACTORY", name: "Bench administrator", email: $e, password: $p}')" >/dev/null
token=$(post /api/auth/token "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)
auth="Authorization: Bearer $token"
if [[ ${KEY:-0} == 1 ]]; then
  key=$(post /api/api-keys '{"name": "bench", "permissions": ["stations:read"]}' -H "$auth" | jq -r .key)
  auth="X-API-Key: $key"
fi
station=$(post /api/stations '{"name": "Bench station", "capacity_hours_per_day": 8}' -H "Authorization: Bearer $token" | jq -r .id)
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base/api/stations/$station") == 200 ]] \
  || die "GET /api/stations/$station does not answer 200"

# run NAME URL [HEADER] SECONDS: prints "req/s p99 non2xx" of one autocannon run.
run() {
  local out
  out=$(autocannon -j -c "$connections" -d "$4" ${3:+-H "$3"} "$2" 2>/dev/null)
  jq -r '"\(.requests.average) \(.latency.p99) \(.non2xx + .errors + .timeouts)"' <<<"$out"
}

get_url=$base/api/stations/$station
health_url=$base/actuator/health
echo "warm-up: ${warm_up} s of each"
run health "$health_url" "" "$warm_up" >/dev/null
run get "$get_url" "$auth" "$warm_up" >/dev/null
run health "$health_url" "" "$warm_up" >/dev/null
run get "$get_url" "$auth" "$warm_up" >/dev/null

printf '\n%-6s %14s %10s %14s %10s %8s %s\n' round "health req/s" "p99 ms" "GET req/s" "p99 ms" ratio "failed (health/GET)"
ratios=()
for ((i = 1; i <= rounds; i++)); do
  read -r h_rps h_p99 h_bad < <(run health "$health_url" "" "$seconds")
  read -r g_rps g_p99 g_bad < <(run get "$get_url" "$auth" "$seconds")
  ratio=$(awk -v g="$g_rps" -v h="$h_rps" 'BEGIN{printf "%.2f", g / h}')
  ratios+=("$ratio")
  printf '%-6s %14.0f %10s %14.0f %10s %8s %s/%s\n' "$i" "$h_rps" "$h_p99" "$g_rps" "$g_p99" "$ratio" "$h_bad" "$g_bad"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
echo "median ratio GET/health: $(median "${ratios[@]}")  (goal >= 0.6, GET p99 < 50 ms)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
