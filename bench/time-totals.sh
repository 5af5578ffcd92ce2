#!/usr/bin/env bash
# Issue 10's time totals, computed from the time logs on every request: loads LOGS time logs (default 500,000) of
# one organization (20 employees, 8 stations, 200 projects, spread over two years) and times GET /api/time/totals
# for each grouping, a project's time logs page, and /actuator/health as the baseline, alternating, ROUNDS rounds of
# REPS sequential requests each (curl, one connection), and PostgreSQL alone running the API's statements (psql, one
# session each: connection set-up included, like curl's). Prints medians in ms and their ratio to the baseline.
# Usage: bench/time-totals.sh [JAR]
# env: DATA_DIR (temporary, deleted), LOGS (500000), ROUNDS (3), REPS (20), PORT (18080), JAVA, JVM_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in jq psql curl; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
data=${DATA_DIR:-$(mktemp -d /tmp/traveler-time-bench.XXXXXX)}
logs=${LOGS:-500000}
rounds=${ROUNDS:-3}
reps=${REPS:-20}
port=${PORT:-18080}
base=http://127.0.0.1:$port
log=$data/app.log
cleanup() {
  stop_app
  [[ -n ${DATA_DIR:-} ]] || rm -rf "$data"
}
trap cleanup EXIT

pg_port() { sed -n 4p "$data/postgres/postmaster.pid"; }
sql() { psql -qAtX -h localhost -p "$(pg_port)" -U postgres -d traveler -v ON_ERROR_STOP=1 "$@"; }
api() { curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $token" "$@"; }

echo "jar: $jar   logs: $logs   load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start_app "$jar" "$port" "$data" "$log"
wait_healthy "$port" 900 || die "Traveler did not become healthy"
password="bench-password-$RANDOM-$RANDOM-$RANDOM"
email="time-$(date +%s%N)@bench.example.com"
curl -fsS -H 'Content-Type: application/json' -d "$(jq -nc --arg e "$email" --arg p "$password" \
  '{organization_name: "Time bench", organization_kind: "FACTORY", name: "Administrator", email: $e, password: $p}')" \
  "$base/api/auth/signup" >/dev/null
token=$(curl -fsS -H 'Content-Type: application/json' -d "$(jq -nc --arg e "$email" --arg p "$password" \
  '{email: $e, password: $p}')" "$base/api/auth/token" | jq -r .access_token)
org=$(sql -c "select m.org_id from accounts.memberships m join accounts.users u on u.id = m.user_id
  where u.email = '$email'")

echo "loading $logs time logs ..."
sql -v org="$org" -v logs="$logs" <<'SQL'
insert into accounts.stations (org_id, id, name, status, created_at, updated_at)
select :'org', gen_random_uuid(), 'Station ' || s, 'ACTIVE', now(), now() from generate_series(1, 8) s;
insert into accounts.employees (org_id, id, name, hourly_rate, status, created_at, updated_at)
select :'org', gen_random_uuid(), 'Employee ' || e, 20 + e, 'ACTIVE', now(), now() from generate_series(1, 20) e;
create temp table st as select id, row_number() over (order by id) n from accounts.stations where org_id = :'org';
create temp table em as select id, row_number() over (order by id) n from accounts.employees where org_id = :'org';
create temp table pr as select gen_random_uuid() id, p n from generate_series(1, 200) p;
insert into tasks.tasks (org_id, id, project_id, title, sequence, assignee_type, station_id, status, created_at,
                         updated_at)
select :'org', gen_random_uuid(), pr.id, 'Task ' || pr.n || '/' || st.n, st.n, 'STATION', st.id, 'TODO', now(), now()
  from pr cross join st;
create temp table tk as select id, project_id, station_id, row_number() over (order by id) n from tasks.tasks
 where org_id = :'org';
insert into tasks.time_logs (org_id, id, task_id, project_id, employee_id, station_id, started_at, ended_at, minutes,
                             hourly_rate, created_at)
select :'org', gen_random_uuid(), tk.id, tk.project_id, em.id, tk.station_id, t0, t0 + make_interval(mins => m), m,
       20 + em.n, t0 + make_interval(mins => m)
  from (select i, now() - make_interval(mins => (i * 37) % (730 * 24 * 60)) t0, 5 + i % 120 m
          from generate_series(1, :logs) i) g
  join tk on tk.n = 1 + g.i % 1600
  join em on em.n = 1 + g.i % 20;
analyze tasks.time_logs;
SQL
project=$(sql -c "select project_id from tasks.time_logs where org_id = '$org' limit 1")

# median_ms PATH: the median time in ms of REPS sequential GETs of PATH.
median_ms() {
  local times=() i
  for ((i = 0; i < reps; i++)); do
    times+=("$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$base$1")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] * 1000}'
}

paths=(/actuator/health "/api/time/totals?group_by=station" "/api/time/totals?group_by=employee"
  "/api/time/totals?group_by=project" "/api/time/totals?group_by=day" "/api/time/totals?group_by=month"
  "/api/time/totals?group_by=week&from=$(date -u -d '-90 days' +%F)&to=$(date -u +%F)"
  "/api/time-logs?project_id=$project&limit=50")
for p in "${paths[@]}"; do api "$base$p" >/dev/null; done # warm up
# PostgreSQL alone doing the same work: the API's statement for each grouping, run by psql over a local connection
# (the same number of sequential runs, each its own session, as the API's requests).
tz=$(sql -c "select coalesce((select timezone from settings.organization_settings where org_id = '$org'), 'UTC')" 2>/dev/null || echo UTC)
totals_sql() {
  echo "select b, m, c, n from (select $1 as b, sum(l.minutes) as m, sum(round(l.minutes * l.hourly_rate / 60, 4)) as c,
        count(*) as n from tasks.time_logs l where l.org_id = '$org' $2 group by b) g order by b nulls last limit 1001"
}
local_time="(coalesce(l.started_at, l.created_at) at time zone '$tz')"
declare -A statements=(
  ["sql: by station"]="$(totals_sql l.station_id '')"
  ["sql: by project"]="$(totals_sql l.project_id '')"
  ["sql: by day"]="$(totals_sql "date_trunc('day', $local_time)" '')"
  ["sql: by month"]="$(totals_sql "date_trunc('month', $local_time)" '')")
sql_ms() {
  local times=() i t0
  for ((i = 0; i < reps; i++)); do
    t0=$(now_us)
    sql -c "$1" >/dev/null
    times+=("$(($(now_us) - t0))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'
}
declare -A results
for ((r = 1; r <= rounds; r++)); do
  for p in "${paths[@]}"; do results[$p]+="$(median_ms "$p") "; done
  for s in "${!statements[@]}"; do results[$s]+="$(sql_ms "${statements[$s]}") "; done
done
paths+=("sql: by station" "sql: by project" "sql: by day" "sql: by month")
printf '%-70s %s\n' "request (median ms per round; ratio to health)" ""
health=$(tr ' ' '\n' <<<"${results[/actuator/health]}" | sort -n | awk 'NF{a[++n]=$1} END{print a[int((n+1)/2)]}')
for p in "${paths[@]}"; do
  m=$(tr ' ' '\n' <<<"${results[$p]}" | sort -n | awk 'NF{a[++n]=$1} END{print a[int((n+1)/2)]}')
  printf '%-70s %s  → %s ms, ×%s\n' "$p" "${results[$p]}" "$m" "$(awk -v a="$m" -v b="$health" 'BEGIN{printf "%.1f", a / b}')"
done
