#!/usr/bin/env bash
# The shop floor's scan under load, against its two limits on this machine, in one run: a project of UNITS units is
# started (timed: the units are made set-based in the start's transaction), then UNITS `start` scans of distinct
# units go through POST /api/scan from CONNECTIONS connections (wrk + bench/scan.lua), alternating with
# GET /actuator/health under the same load (the HTTP ceiling) and the scan's own SQL transaction (lock the unit,
# update it, append its event) run by pgbench on the same database (bench/scan-pgbench.sql). Then an offline batch
# of BATCH steps through POST /api/scan/batch, timed. Every round starts a new project.
# Usage: bench/scan.sh [JAR]
# env: ROUNDS (3), UNITS (20000), CONNECTIONS (64), SECONDS_PER_RUN (10, health and pgbench), WARM_SCANS (2000:
#      start scans of a warm-up project before the rounds, so the compilers are done with the scan), BATCH (1000),
#      BATCHES (3), PORT (18080), JAVA, JVM_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in wrk jq pgbench psql curl; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
rounds=${ROUNDS:-3}
units=${UNITS:-20000}
connections=${CONNECTIONS:-64}
seconds=${SECONDS_PER_RUN:-10}
batch=${BATCH:-1000}
batches=${BATCHES:-3}
port=${PORT:-18080}
threads=2
serve "$jar" "$port"
sign_up_factory "Bench scans"
station=$(post "$base/api/stations" '{"name": "Bench cutting"}' -H "$auth" | jq -r .id)
packing=$(post "$base/api/stations" '{"name": "Bench packing"}' -H "$auth" | jq -r .id)
workflow=$(post "$base/api/workflows" "$(jq -nc --arg s "$station" --arg p "$packing" \
  '{name: "Bench line", stages: [{name: "Cut", station_id: $s, expected_minutes: 5}, {name: "Pack", station_id: $p, expected_minutes: 5}]}')" \
  -H "$auth" | jq -r .id)
customer=$(post "$base/api/customers" '{"name": "Bench customer"}' -H "$auth" | jq -r .id)
next_serial=1

# new_project QUANTITY: creates and starts a project; prints "project-id start-ms first-serial"
new_project() {
  local project started ms
  project=$(post "$base/api/projects" "$(jq -nc --arg c "$customer" --arg w "$workflow" --argjson q "$1" \
    '{name: "Bench chairs", customer_id: $c, workflow_id: $w, quantity: $q}')" -H "$auth" | jq -r .id)
  started=$(now_us)
  [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H "$auth" "$base/api/projects/$project/start") == 200 ]] \
    || die "starting the project failed"
  ms=$((($(now_us) - started) / 1000))
  echo "$project $ms $next_serial"
}

# wrk_run: prints "req/s p99-ms non2xx"
wrk_summary() {
  awk '/Requests\/sec/ { rps = $2 }
       /^ +99%/ { v = $2
                  if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
                  else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                  else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
                  p99 = v }
       /Non-2xx or 3xx responses/ { bad += $NF }
       /Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) bad += $i }
       END { printf "%s %.1f %d\n", rps, p99, bad }'
}
# distribution FILE: wrk's latency percentiles, "p50 p75 p90 p99" in ms
distribution() {
  awk '/^ +(50|75|90|99)%/ { v = $2
         if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
         else if (v ~ /ms$/) { sub(/ms$/, "", v) }
         else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
         out = out sprintf("%s%.1f", out == "" ? "" : " / ", v) }
       END { print out }' "$1"
}
# health: prints "req/s p99-ms non2xx requests"
health() {
  wrk -t$threads -c "$connections" -d "${seconds}s" --latency "$base/actuator/health" | tee "$work/health.out" | wrk_summary
}
# scans FIRST_SERIAL PROJECT: UNITS start scans; prints "scans/s p99-ms non2xx". wrk runs for its whole -d even when
# its threads stop early, so it is interrupted (it then prints its figures) once each thread has left its file in
# DONE_DIR (all its scans answered), or once no unit was started for 5 s; the database is read only every 5 s meanwhile
# (a psql twice a second, as before, forked a client and a backend beside the measured server). The rate is the units
# started over the time between the first and the last STARTED event stored.
scans() {
  local done_dir=$work/done-$2
  mkdir -p "$done_dir"
  DONE_DIR=$done_dir UNITS=$units FIRST_SERIAL=$1 STATION=$station TOKEN=$token THREADS=$threads \
    wrk -t$threads -c "$connections" -d 300s --timeout 10s --latency -s bench/scan.lua "$base" >"$work/wrk.out" &
  local wrk_pid=$! last=-1 ticks=0 finished
  while :; do
    sleep 0.1
    finished=("$done_dir"/thread-*)
    [[ -e ${finished[0]} ]] && ((${#finished[@]} >= threads)) && break
    ticks=$((ticks + 1))
    if ((ticks % 50 == 0)); then
      done=$(sql -c "select count(*) from production.units where org_id = '$org' and project_id = '$2' and status <> 'QUEUED'")
      ((done == last)) && break
      last=$done
    fi
  done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" 2>/dev/null || true
  local rate
  rate=$(sql -c "select round(count(*) / greatest(extract(epoch from max(e.recorded_at) - min(e.recorded_at)), 0.001))
                   from production.unit_events e join production.units u on u.org_id = e.org_id and u.id = e.unit_id
                  where u.org_id = '$org' and u.project_id = '$2' and e.kind = 'STARTED'")
  read -r _ p99 bad < <(wrk_summary <"$work/wrk.out")
  echo "$rate $p99 $bad"
}
# groups: "groups scans write-seconds max-write-seconds" so far, from the server's Prometheus scrape
groups() {
  { curl -fsS -H "$auth" "$base/actuator/prometheus" || true; } | awk '
    /^traveler_scan_groups_scans_count/ { g = $2 } /^traveler_scan_groups_scans_sum/ { s = $2 }
    /^traveler_scan_group_writes_seconds_sum/ { w = $2 } /^traveler_scan_group_writes_seconds_max/ { m = $2 }
    END { printf "%d %d %f %f\n", g, s, w, m }'
}
# unit_reads: "sequential-scans rows-read-by-them index-scans" of production.units so far (PostgreSQL's counters)
unit_reads() {
  sql -F ' ' -c "select seq_scan, seq_tup_read, coalesce(idx_scan, 0) from pg_stat_user_tables where relid = 'production.units'::regclass"
}
raw_sql() {
  pgbench -h localhost -p "$(pg_port)" -U postgres -n -M prepared -c "$connections" -j $threads -T "$seconds" \
    -D org="$org" -D prefix="U-" -D units="$units" -f bench/scan-pgbench.sql traveler 2>/dev/null \
    | awk '/^tps/ { print int($3) }'
}

warm_scans=${WARM_SCANS:-2000}
echo "warm-up: health, and $warm_scans scans of a warm-up project"
health >/dev/null
read -r warm _ first < <(new_project "$warm_scans")
units_saved=$units
units=$warm_scans
scans "$first" "$warm" >/dev/null
units=$units_saved
next_serial=$((next_serial + warm_scans))

# Besides the rates, what each request cost the server's JVM and its PostgreSQL in CPU: on a busy machine the rates
# follow the share of the cores the server gets, the CPU a request costs moves far less.
printf '\n%-6s %10s %13s %9s %12s %9s %8s %11s %8s %22s %22s\n' round "start ms" "health req/s" "p99 ms" "scans/s" "p99 ms" non2xx "pgbench tps" ratio "health CPU us JVM/PG" "scan CPU us JVM/PG"
ratios=()
for ((r = 1; r <= rounds; r++)); do
  j0=$(jvm_ticks) p0=$(pg_ticks)
  read -r h_rps h_p99 h_bad < <(health)
  j1=$(jvm_ticks) p1=$(pg_ticks)
  h_count=$(awk '/requests in/ {print $1}' "$work/health.out")
  read -r project start_ms first < <(new_project "$units")
  next_serial=$((next_serial + units))
  read -r g0 n0 w0 _ < <(groups)
  read -r sq0 sr0 ix0 < <(unit_reads)
  j2=$(jvm_ticks) p2=$(pg_ticks)
  read -r s_rps s_p99 s_bad < <(scans "$first" "$project")
  j3=$(jvm_ticks) p3=$(pg_ticks)
  read -r g1 n1 w1 m1 < <(groups)
  read -r sq1 sr1 ix1 < <(unit_reads)
  started=$(sql -c "select count(*) from production.units where project_id = '$project' and status = 'IN_PROGRESS'")
  if [[ $started != "$units" ]]; then
    echo "round $r: $started of $units units started; still queued: $(sql -c "select string_agg(serial, ' ' order by serial)
      from (select serial from production.units where project_id = '$project' and status = 'QUEUED' order by serial limit 5) q")" >&2
  fi
  tps=$(raw_sql)
  ratio=$(awk -v s="$s_rps" -v h="$h_rps" 'BEGIN{printf "%.2f", s / h}')
  ratios+=("$ratio")
  h_cpu="$(us_per $((j1 - j0)) "$h_count")/$(us_per $((p1 - p0)) "$h_count")"
  s_cpu="$(us_per $((j3 - j2)) "$units")/$(us_per $((p3 - p2)) "$units")"
  printf '%-6s %10s %13.0f %9s %12.0f %9s %8s %11s %8s %22s %22s\n' "$r" "$start_ms" "$h_rps" "$h_p99" "$s_rps" "$s_p99" "$((h_bad + s_bad))" "$tps" "$ratio" "$h_cpu" "$s_cpu"
  echo "       p50 / p75 / p90 / p99 ms: health $(distribution "$work/health.out"), scans $(distribution "$work/wrk.out")"
  awk -v g=$((g1 - g0)) -v n=$((n1 - n0)) -v w="$(awk -v a="$w1" -v b="$w0" 'BEGIN{print a - b}')" -v m="$m1" \
    'BEGIN { if (g > 0) printf "       groups: %d written, %.1f scans each, %.1f ms each (longest %.1f ms)\n", g, n / g, 1000 * w / g, 1000 * m }'
  echo "       units table during the scans: $((sq1 - sq0)) sequential scans reading $((sr1 - sr0)) rows, $((ix1 - ix0)) index scans"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
echo "median ratio scans/health: $(median "${ratios[@]}")  (goal >= 0.5, scan p99 < 50 ms, every scan 2xx, start < 5000 ms)"
# A start changes no indexed column but the status, so its update should be heap-only (HOT: no index entry written).
# PostgreSQL's counters lag up to a few seconds and include the warm-up's and pgbench's updates.
sleep 2
read -r updated hot < <(sql -F ' ' -c "select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relid = 'production.units'::regclass")
echo "units updated so far: $updated, of which heap-only (HOT): $hot ($(awk -v u="$updated" -v h="$hot" 'BEGIN{printf "%.0f", u ? 100 * h / u : 0}') %)"

echo
echo "offline batches of $batch start steps (POST /api/scan/batch), each on a new project:"
for ((b = 1; b <= batches; b++)); do
  read -r project _ first < <(new_project "$batch")
  next_serial=$((next_serial + batch))
  jq -nc --arg s "$station" --argjson first "$first" --argjson n "$batch" --arg b "$b" --arg at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '{device_id: ("bench-" + $b), steps: [range(0; $n) | {step_id: ("s" + (. | tostring)), code: ("U-" + ((. + $first) | tostring | if length < 6 then ("000000"[0:6 - length] + .) else . end)), station_id: $s, action: "start", at: $at}]}' >"$work/batch-body.json"
  out=$(curl -sS -o "$work/batch.json" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' -H "$auth" \
    --data-binary "@$work/batch-body.json" "$base/api/scan/batch")
  applied=$(jq '[.results[] | select(.outcome == "APPLIED")] | length' "$work/batch.json")
  echo "batch $b: HTTP ${out% *}, $applied of $batch applied in $(awk -v t="${out#* }" 'BEGIN{printf "%.0f", t * 1000}') ms (goal < 1000 ms)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
