#!/usr/bin/env bash
# Issue 9's order list targets: loads 1,000,000 orders (3,000,000 lines, about 7,000,000 phase changes) over 50
# organizations into a kept data directory, then measures GET /api/orders/ (lists, a customer's history, text
# search, a deep keyset page) with autocannon next to PostgreSQL's EXPLAIN ANALYZE of the statement the API runs
# (captured with auto_explain), alternating, ROUNDS rounds. See bench/README.md ("Orders").
# Usage: bench/orders.sh [JAR]
# env: DATA_DIR (/tmp/traveler-orders-bench, kept: a loaded one is reused), ORDERS (1000000), ROUNDS (3),
#      SECONDS_PER_RUN (6), CONNECTIONS (4), SQL_REPS (30), PORT (18080), JAVA, JVM_OPTS, RELOAD (1 = load anew)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in autocannon jq psql python3 node; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
data=${DATA_DIR:-/tmp/traveler-orders-bench}
orders=${ORDERS:-1000000}
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-6}
connections=${CONNECTIONS:-4}
sql_reps=${SQL_REPS:-30}
port=${PORT:-18080}
base=http://127.0.0.1:$port
out=$data/results/$(date -u +%Y%m%dT%H%M%SZ)
log=$out/app.log
export NODE_PATH=${NODE_PATH:-$(npm root -g)}
mkdir -p "$out"

cleanup() {
  local rc=$?
  stop_app
  if ((rc != 0)) && [[ -f $log ]]; then
    echo "--- last lines of $log" >&2
    tail -n 40 "$log" >&2
  fi
}
trap cleanup EXIT

pg_port() { sed -n 4p "$data/postgres/postmaster.pid"; }
sql() { psql -qAtX -h localhost -p "$(pg_port)" -U postgres -d traveler -v ON_ERROR_STOP=1 "$@"; }
post() { curl -fsS -H 'Content-Type: application/json' "${@:3}" -d "$2" "$base$1"; }
token() {
  post /api/auth/token "$(jq -nc --arg e "$1" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token
}
start() {
  start_app "$jar" "$port" "$data" "$log"
  wait_healthy "$port" "${HEALTH_TIMEOUT:-900}" || die "Traveler did not become healthy"
}

echo "jar:  $jar"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "data: $data   results: $out"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# --- 1. the data set, once per data directory --------------------------------------------------------------------
if [[ ${RELOAD:-0} == 1 ]] || ! grep -qsx "orders=$orders" "$data/bench.env"; then
  rm -rf "$data/postgres" "$data/postgres-runtime" "$data/bench.env"
  start
  password="bench-password-$RANDOM-$RANDOM-$RANDOM"
  factory_email="factory-$(date +%s%N)@bench.example.com"
  brand_email="brand-$(date +%s%N)@bench.example.com"
  post /api/auth/signup "$(jq -nc --arg e "$factory_email" --arg p "$password" \
    '{organization_name: "Northwind Garments", organization_kind: "FACTORY", name: "Factory administrator", email: $e, password: $p}')" >/dev/null
  post /api/auth/signup "$(jq -nc --arg e "$brand_email" --arg p "$password" \
    '{organization_name: "Bluewater Brand", organization_kind: "BRAND", name: "Brand administrator", email: $e, password: $p}')" >/dev/null
  org_of_user() { sql -c "select m.org_id from accounts.memberships m join accounts.users u on u.id = m.user_id
    where u.email = '$1'"; }
  factory_org=$(org_of_user "$factory_email")
  brand_org=$(org_of_user "$brand_email")
  brand_user=$(sql -c "select id from accounts.users where email = '$brand_email'")
  [[ -n $factory_org && -n $brand_org ]] || die "the signed-up organizations have no memberships"
  echo "loading $orders orders (bench/orders-load.sql) ..."
  started=$(now_us)
  sql -v orders="$orders" -v big_org="$factory_org" -v brand_org="$brand_org" -v brand_user="$brand_user" \
    -f bench/orders-load.sql >"$out/load.log" 2>&1 || { tail -20 "$out/load.log"; die "the load failed"; }
  load_s=$(awk -v a="$started" -v b="$(now_us)" 'BEGIN{printf "%.1f", (b - a) / 1e6}')
  grep -E '^(Time|[a-z_]+$)' "$out/load.log" | paste -sd' ' | sed 's/Time: /  /g' >"$out/load-steps.txt" || true
  size=$(sql -c "select pg_size_pretty(pg_database_size('traveler'))")
  stop_app
  for var in orders password factory_email brand_email factory_org brand_org load_s size; do
    printf '%s=%q\n' "$var" "${!var}"
  done >"$data/bench.env"
  echo "loaded in $load_s s (database $size); steps in $out/load.log"
fi
# shellcheck disable=SC1091
source "$data/bench.env"
echo "data set: $orders orders, loaded in $load_s s, database $size"

# --- 2. auto_explain on the bench server (session_preload_libraries; logging off until a capture turns it on) -----
conf=$data/postgres/postgresql.auto.conf
sed -i '/^# orders bench/,/^# end orders bench/d' "$conf"
cat >>"$conf" <<'EOF'
# orders bench
session_preload_libraries = 'auto_explain'
auto_explain.log_min_duration = -1
auto_explain.log_analyze = on
auto_explain.log_buffers = on
auto_explain.log_timing = on
auto_explain.log_format = 'text'
auto_explain.log_level = 'log'
logging_collector = on
log_directory = 'bench-log'
log_filename = 'postgresql.log'
# end orders bench
EOF
start
pglog=$data/postgres/bench-log/postgresql.log
factory_token=$(token "$factory_email")
brand_token=$(token "$brand_email")

# --- 3. what to ask for, from the data --------------------------------------------------------------------------
IFS='|' read -r big_customer big_count < <(sql -c "select customer_id, count(*) from orders.orders
  where org_id = '$factory_org' and customer_id is not null group by 1 order by 2 desc limit 1")
IFS='|' read -r typical_customer typical_count < <(sql -c "select customer_id, n from (select customer_id, count(*) n
  from orders.orders where org_id = '$factory_org' and customer_id is not null group by 1) c
  order by n, customer_id offset (select count(distinct customer_id) / 2 from orders.orders where org_id = '$factory_org') limit 1")
code_prefix=$(sql -c "select left(code, length(code) - 2) from orders.orders where org_id = '$factory_org'
  order by created_at desc limit 1 offset 5000")
name_word=Hartley
notes_word=pallets
from=$(date -u -d '-455 days' +%F) # a quarter a year ago
to=$(date -u -d '-365 days' +%F)
org_orders=$(sql -c "select count(*) from orders.orders where org_id = '$factory_org'")
echo "big factory: $org_orders orders; customer histories of $big_count (the biggest customer) and $typical_count (the median)"

# name|who|path — who: factory or brand (whose token, whose app.org_id); none: the server's floor on this machine
# (GET /actuator/health: no authentication, no database), for reading the others on a busy one
queries=(
  "health_floor|none|/actuator/health"
  "list_newest|factory|/api/orders?limit=50"
  "phase_by_ordered|factory|/api/orders?phase=PRODUCTION&sort=ordered_on&limit=50"
  "delivered_by_total|factory|/api/orders?phase=DELIVERED&sort=-total&limit=50"
  "priority_dates|factory|/api/orders?priority=URGENT&ordered_from=$from&ordered_to=$to&limit=50"
  "customer_big|factory|/api/orders?customer_id=$big_customer&limit=50"
  "customer_typical|factory|/api/orders?customer_id=$typical_customer&limit=50"
  "search_code|factory|/api/orders?q=$code_prefix&limit=50"
  "search_name|factory|/api/orders?q=$name_word&limit=50"
  "search_notes|factory|/api/orders?q=$notes_word&limit=50"
  "search_two_words|factory|/api/orders?q=$name_word+$notes_word&limit=50"
  "brand_list|brand|/api/orders?limit=50"
)
# a deep keyset page: follow next_cursor DEEP_PAGES (100) pages of 500, to row 50,000 of the newest-first list
cursor=
for ((i = 0; i < ${DEEP_PAGES:-100}; i++)); do
  cursor=$(curl -fsS -H "Authorization: Bearer $factory_token" "$base/api/orders?limit=500${cursor:+&cursor=$cursor}" \
    | jq -r '.next_cursor // empty')
  [[ -n $cursor ]] || die "the list ended before page $i"
done
queries+=("deep_page|factory|/api/orders?limit=50&cursor=$cursor")

auth_of() {
  case $1 in
    brand) echo "Authorization: Bearer $brand_token" ;;
    factory) echo "Authorization: Bearer $factory_token" ;;
  esac
}
org_of() { [[ $1 == brand ]] && echo "$brand_org" || echo "$factory_org"; }

# --- 4. the statement each request runs, with its plan, from auto_explain --------------------------------------
mkdir -p "$out/plans"
for q in "${queries[@]}"; do
  IFS='|' read -r name who path <<<"$q"
  [[ $who != none ]] || continue
  status=$(curl -s -o "$out/plans/$name.response.json" -w '%{http_code}' -H "$(auth_of "$who")" "$base$path")
  [[ $status == 200 ]] || die "GET $path answered $status: $(head -c 400 "$out/plans/$name.response.json")"
  offset=$(stat -c %s "$pglog")
  sql -c "alter system set auto_explain.log_min_duration = 0" -c "select pg_reload_conf()" >/dev/null
  sleep 0.5
  for ((i = 0; i < 8; i++)); do curl -fsS -o /dev/null -H "$(auth_of "$who")" "$base$path"; done
  sql -c "alter system set auto_explain.log_min_duration = -1" -c "select pg_reload_conf()" >/dev/null
  sleep 1
  printf '%-18s %s items; ' "$name" "$(jq '.items | length' "$out/plans/$name.response.json")"
  python3 bench/orders-plans.py capture "$pglog" "$offset" "$name" "$out/plans"
done

# --- 5. rounds: the API with autocannon, then the statement in PostgreSQL, query by query -----------------------
for q in "${queries[@]}"; do
  IFS='|' read -r name who path <<<"$q"
  node bench/latency.js "$base$path" "$(auth_of "$who")" 3 "$connections" >/dev/null # warm-up
done
results=$out/rounds.txt
: >"$results"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r/$rounds (load $(cut -d' ' -f1 /proc/loadavg))"
  factory_token=$(token "$factory_email")
  brand_token=$(token "$brand_email")
  for q in "${queries[@]}"; do
    IFS='|' read -r name who path <<<"$q"
    api=$(node bench/latency.js "$base$path" "$(auth_of "$who")" "$seconds" "$connections")
    sql_p50=0 sql_p95=0
    if [[ $who != none ]]; then
      read -r sql_p50 sql_p95 < <(python3 bench/orders-plans.py time "$out/plans/$name.json" "$(pg_port)" "$(org_of "$who")" "$sql_reps")
    fi
    jq -r --arg n "$name" --arg r "$r" --arg s50 "$sql_p50" --arg s95 "$sql_p95" \
      '"\($r) \($n) \(.rps) \(.p50) \(.p95) \(.p99) \(.failed) \($s50) \($s95)"' <<<"$api" >>"$results"
  done
done

# --- 6. the table: medians over the rounds -----------------------------------------------------------------------
goal_of() { case $1 in health_*) echo - ;; customer_*) echo 20 ;; search_*) echo 100 ;; *) echo 50 ;; esac; }
echo
echo "load time: $load_s s for $orders orders (database $size); load average now $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %8s %8s %8s %8s %6s %10s %10s %7s %6s %s\n' query "req/s" "p50 ms" "p95 ms" "p99 ms" failed \
  "SQL p50" "SQL p95" "p95/SQL" goal ""
for q in "${queries[@]}"; do
  IFS='|' read -r name _ _ <<<"$q"
  awk -v n="$name" -v goal="$(goal_of "$name")" '
    $2 == n { rps[++k] = $3; p50[k] = $4; p95[k] = $5; p99[k] = $6; bad += $7; s50[k] = $8; s95[k] = $9 }
    function med(a,   i, j, t, m) { m = k; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2 }
    END { r95 = med(p95); s = med(s95)
          printf "%-18s %8.0f %8.1f %8.1f %8.1f %6d %10.2f %10.2f %7.1f %6s %s\n", n, med(rps), med(p50), r95, med(p99), bad,
                 med(s50), s, (s > 0 ? r95 / s : 0), (goal == "-" ? "" : "<" goal), (goal == "-" ? "" : r95 < goal + 0 ? "PASS" : "MISS") }' "$results"
done
echo "(API: autocannon, $connections connections, ${seconds} s per run, medians of $rounds rounds; SQL: EXPLAIN (ANALYZE,"
echo " BUFFERS) of the statement the API ran, as traveler_app under row-level security, $sql_reps runs per round;"
echo " plans as the application ran them: $out/plans/*.plan)"
