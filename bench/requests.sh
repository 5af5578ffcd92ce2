#!/usr/bin/env bash
# What an authenticated single-resource GET costs against the server's own HTTP ceiling: wrk (or autocannon) against
# GET /api/stations/{id} (a bearer token) and GET /actuator/health (open), alternating, on one server.
# Usage: bench/requests.sh [JAR]
#        bench/requests.sh JAR_A JAR_B [...]   compares jars in one run: every jar runs as its own server (own port
#                                             and data directory), and each round loads them one after another,
#                                             so a noisy machine weighs on all alike (only one is loaded at a time);
#                                             a jar given as one quoted word with JVM options before it or
#                                             application arguments after it runs as a server of its own:
#                                             'app.jar --spring.threads.virtual.enabled=false', '-XX:+UseZGC app.jar'
# env: ROUNDS (3), SECONDS_PER_RUN (15), CONNECTIONS (64), WARM_UP (5), PORT (18080; jar i listens on PORT + i),
#      JAVA, JVM_OPTS, KEY (0; 1 = an API key instead of a token), JFR (empty; a directory = record a JFR profile of
#      each jar's GET runs there)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

command -v wrk >/dev/null || command -v autocannon >/dev/null || die "wrk (apt install wrk) or autocannon (npm i -g autocannon) is missing"
command -v jq >/dev/null || die "jq is missing"
jars=("$@")
((${#jars[@]} > 0)) || jars=("$(find_jar)") || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
for spec in "${jars[@]}"; do for word in $spec; do [[ $word != *.jar || -f $word ]] || die "no jar at $word"; done; done
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-15}
connections=${CONNECTIONS:-64}
warm_up=${WARM_UP:-5}
work=$(mktemp -d)
pids=()
datas=()

cleanup() {
  local rc=$?
  for i in "${!pids[@]}"; do
    APP_PID=${pids[$i]} APP_DATA=${datas[$i]} stop_app
  done
  if ((rc != 0)); then
    for log in "$work"/app-*.log; do
      [[ -f $log ]] || continue
      echo "--- last lines of $log" >&2
      tail -n 40 "$log" >&2
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!jars[@]}"; do
  datas[i]=$work/data-$i
  start_spec "${jars[$i]}" $((${PORT:-18080} + i)) "${datas[$i]}" "$work/app-$i.log"
  pids[i]=$APP_PID
done

post() { curl -fsS -H 'Content-Type: application/json' "${@:3}" -d "$2" "$1"; }
gets=()
auths=()
healths=()
for i in "${!jars[@]}"; do
  base=http://127.0.0.1:$((${PORT:-18080} + i))
  APP_PID=${pids[$i]}
  wait_healthy $((${PORT:-18080} + i)) 900 || die "the server of ${jars[$i]} did not become healthy"
  email="bench-$(date +%s%N)@example.com"
  password="bench-password-$RANDOM-$RANDOM"
  post "$base/api/auth/signup" "$(jq -nc --arg e "$email" --arg p "$password" \
    '{organization_name: "Bench requests", organization_kind: "FACTORY", name: "Bench administrator", email: $e, password: $p}')" >/dev/null
  token=$(post "$base/api/auth/token" "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)
  auth="Authorization: Bearer $token"
  if [[ ${KEY:-0} == 1 ]]; then
    key=$(post "$base/api/api-keys" '{"name": "bench", "permissions": ["stations:read"]}' -H "$auth" | jq -r .key)
    auth="X-API-Key: $key"
  fi
  station=$(post "$base/api/stations" '{"name": "Bench station", "capacity_hours_per_day": 8}' -H "Authorization: Bearer $token" | jq -r .id)
  [[ $(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base/api/stations/$station") == 200 ]] \
    || die "GET /api/stations/$station does not answer 200"
  gets[i]=$base/api/stations/$station
  auths[i]=$auth
  healths[i]=$base/actuator/health
  echo "jar $i: ${jars[$i]}   port $((${PORT:-18080} + i))"
done

# run URL [HEADER] SECONDS: prints "req/s p99 non2xx" of one run. wrk (Debian's package) when installed: autocannon's
# request rates are right but its latencies against Tomcat are not (see README.md, "Orders"); CLIENT=autocannon
# forces it.
run() {
  local out
  if [[ ${CLIENT:-wrk} == wrk ]] && command -v wrk >/dev/null; then
    out=$(wrk -t2 -c "$connections" -d "${3}s" --latency ${2:+-H "$2"} "$1")
    awk '/Requests\/sec/ { rps = $2 }
         /^ +99%/ { v = $2
                    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
                    else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                    else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
                    p99 = v }
         /Non-2xx or 3xx responses/ { bad += $NF }
         /Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) bad += $i }
         END { printf "%s %.1f %d\n", rps, p99, bad }' <<<"$out"
  else
    out=$(autocannon -j -c "$connections" -d "$3" ${2:+-H "$2"} "$1" 2>/dev/null)
    jq -r '"\(.requests.average) \(.latency.p99) \(.non2xx + .errors + .timeouts)"' <<<"$out"
  fi
}

echo "warm-up: ${warm_up} s of each, twice"
for _ in 1 2; do
  for i in "${!jars[@]}"; do
    run "${healths[$i]}" "" "$warm_up" >/dev/null
    run "${gets[$i]}" "${auths[$i]}" "$warm_up" >/dev/null
  done
done
if [[ -n ${JFR:-} ]]; then
  mkdir -p "$JFR"
  for i in "${!jars[@]}"; do
    jcmd=$(dirname "$JAVA")/jcmd
    "$jcmd" "${pids[$i]}" JFR.start name=bench settings=profile filename="$JFR/requests-$i.jfr" >/dev/null
  done
fi

# The server JVM's CPU time per request (lib.sh's jvm_ticks and us_per): a figure a busy machine changes far less than
# the rates, which follow the share of the cores the server gets.
requests_in() { awk -v rps="$1" -v s="$seconds" 'BEGIN{print rps * s}'; }

printf '\n%-6s %-4s %14s %10s %9s %14s %10s %9s %8s %8s %s\n' round jar "health req/s" "p99 ms" "CPU us" "GET req/s" "p99 ms" "CPU us" ratio "CPU GET/health" "failed (health/GET)"
declare -A ratios cpu_ratios
for ((r = 1; r <= rounds; r++)); do
  for i in "${!jars[@]}"; do
    t0=$(jvm_ticks "${pids[$i]}")
    read -r h_rps h_p99 h_bad < <(run "${healths[$i]}" "" "$seconds")
    t1=$(jvm_ticks "${pids[$i]}")
    read -r g_rps g_p99 g_bad < <(run "${gets[$i]}" "${auths[$i]}" "$seconds")
    t2=$(jvm_ticks "${pids[$i]}")
    h_cpu=$(us_per $((t1 - t0)) "$(requests_in "$h_rps")")
    g_cpu=$(us_per $((t2 - t1)) "$(requests_in "$g_rps")")
    ratio=$(awk -v g="$g_rps" -v h="$h_rps" 'BEGIN{printf "%.2f", g / h}')
    cpu_ratio=$(awk -v g="$g_cpu" -v h="$h_cpu" 'BEGIN{printf "%.2f", g / h}')
    ratios[$i]+="$ratio "
    cpu_ratios[$i]+="$cpu_ratio "
    printf '%-6s %-4s %14.0f %10s %9s %14.0f %10s %9s %8s %8s %s/%s\n' "$r" "$i" "$h_rps" "$h_p99" "$h_cpu" "$g_rps" "$g_p99" "$g_cpu" "$ratio" "$cpu_ratio" "$h_bad" "$g_bad"
  done
done
if [[ -n ${JFR:-} ]]; then
  for i in "${!jars[@]}"; do
    "$(dirname "$JAVA")/jcmd" "${pids[$i]}" JFR.stop name=bench >/dev/null
  done
fi
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
for i in "${!jars[@]}"; do
  # shellcheck disable=SC2086 # one ratio per word
  echo "jar $i median ratio GET/health: $(median ${ratios[$i]})  (goal >= 0.6, GET p99 < 50 ms); server CPU per GET / per health: $(median ${cpu_ratios[$i]})"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
