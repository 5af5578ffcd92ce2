#!/usr/bin/env bash
# Labels: a project of UNITS units (default 1,000) is started through the API (its units are made at the start), then
# its PDF sheet (A4 3×8 and 4×6 in, every unit), one unit's PNG, SVG and ZPL, the project's JSON and /actuator/health
# as baselines are fetched alternately, ROUNDS rounds of REPS sequential requests each (curl, one connection).
# Prints per request the median total time and time to the first byte in ms (a streamed sheet's first byte comes
# long before its last), the body size, and the ratio of the median to the project GET's.
# Usage: bench/labels.sh [JAR]
# env: DATA_DIR (temporary, deleted), UNITS (1000), ROUNDS (3), REPS (5), PORT (18080), JAVA, JVM_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in jq curl; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
data=${DATA_DIR:-$(mktemp -d /tmp/traveler-labels-bench.XXXXXX)}
units=${UNITS:-1000}
rounds=${ROUNDS:-3}
reps=${REPS:-5}
port=${PORT:-18080}
base=http://127.0.0.1:$port
log=$data/app.log
cleanup() {
  stop_app
  [[ -n ${DATA_DIR:-} ]] || rm -rf "$data"
}
trap cleanup EXIT

echo "jar: $jar   units: $units   load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start_app "$jar" "$port" "$data" "$log"
wait_healthy "$port" 900 || die "Traveler did not become healthy"
password="bench-password-$RANDOM-$RANDOM-$RANDOM"
email="labels-$(date +%s%N)@bench.example.com"
curl -fsS -H 'Content-Type: application/json' -d "$(jq -nc --arg e "$email" --arg p "$password" \
  '{organization_name: "Labels bench", organization_kind: "FACTORY", name: "Administrator", email: $e, password: $p}')" \
  "$base/api/auth/signup" >/dev/null
token=$(curl -fsS -H 'Content-Type: application/json' -d "$(jq -nc --arg e "$email" --arg p "$password" \
  '{email: $e, password: $p}')" "$base/api/auth/token" | jq -r .access_token)
api() { curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $token" "$@"; }

station=$(api -d '{"name": "Bench station"}' "$base/api/stations" | jq -r .id)
customer=$(api -d '{"name": "Bench customer"}' "$base/api/customers" | jq -r .id)
workflow=$(api -d "$(jq -nc --arg s "$station" '{name: "Bench line", stages: [{name: "Pack", station_id: $s, expected_minutes: 5}]}')" \
  "$base/api/workflows" | jq -r .id)
project=$(api -d "$(jq -nc --arg c "$customer" --arg w "$workflow" --argjson q "$units" \
  '{name: "Bench pallets", customer_id: $c, workflow_id: $w, quantity: $q}')" "$base/api/projects" | jq -r .id)
api -X POST "$base/api/projects/$project/start" >/dev/null
# one unit's id: from the units API (the scan core's), else from the database (psql against the embedded PostgreSQL)
unit_id=$(api "$base/api/projects/$project/units?limit=1" 2>/dev/null | jq -r '.items[0].id // empty' 2>/dev/null || true)
if [[ -z $unit_id ]] && command -v psql >/dev/null; then
  unit_id=$(psql -qAtX -h localhost -p "$(sed -n 4p "$data/postgres/postmaster.pid")" -U postgres -d traveler \
    -c "select id from production.units where project_id = '$project' order by position limit 1")
fi
[[ -n $unit_id ]] || echo "no unit id (neither the units API nor psql): the single-label formats are left out"

paths=(/actuator/health "/api/projects/$project" "/api/projects/$project/labels.pdf"
  "/api/projects/$project/labels.pdf?layout=4x6")
[[ -n $unit_id ]] && paths+=("/api/units/$unit_id/label.png" "/api/units/$unit_id/label.svg" "/api/units/$unit_id/label.zpl")

# timing PATH: "total_ms first_byte_ms bytes", medians of REPS sequential GETs.
timing() {
  local i out=()
  for ((i = 0; i < reps; i++)); do
    out+=("$(curl -fsS -o /dev/null -w '%{time_total} %{time_starttransfer} %{size_download}' \
      -H "Authorization: Bearer $token" "$base$1")")
  done
  local t f s
  t=$(printf '%s\n' "${out[@]}" | awk '{print $1}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}')
  f=$(printf '%s\n' "${out[@]}" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}')
  s=$(printf '%s\n' "${out[@]}" | awk 'END {print $3}')
  echo "$t $f $s"
}
for p in "${paths[@]}"; do timing "$p" >/dev/null; done # warm up
declare -A totals firsts sizes
for ((r = 1; r <= rounds; r++)); do
  for p in "${paths[@]}"; do
    read -r t f s <<<"$(timing "$p")"
    totals[$p]+="$t "
    firsts[$p]+="$f "
    sizes[$p]=$s
  done
done
median() { tr ' ' '\n' <<<"$1" | sort -n | awk 'NF{a[++n]=$1} END{print a[int((n+1)/2)]}'; }
reference=$(median "${totals[/api/projects/$project]}")
printf '%-72s %s\n' "request: total ms per round → median; first byte; bytes; ×project GET" ""
for p in "${paths[@]}"; do
  m=$(median "${totals[$p]}")
  printf '%-72s %s → %s ms; first byte %s ms; %s bytes; ×%s\n' "$p" "${totals[$p]}" "$m" "$(median "${firsts[$p]}")" \
    "${sizes[$p]}" "$(awk -v a="$m" -v b="$reference" 'BEGIN{printf "%.1f", a / b}')"
done
