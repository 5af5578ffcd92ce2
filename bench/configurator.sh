#!/usr/bin/env bash
# The configurator against issue 13's figures, in one run on one server: a product with 30 options (20 NUMBER, 5
# BOOLEAN, 5 CHOICE), 200 rules over them (60 VALIDATION that never fire, 80 PRICING, 20 COMPATIBILITY,
# 30 COMPONENT_SELECTION, 10 CUSTOM_PART) and a 500-line ACTIVE base BOM, all made through the API. Then, in
# alternating rounds of sequential curl requests (new values every time, so each generation mints its custom parts):
#   health      GET /actuator/health (the server's floor)
#   console     POST /api/configurator/console (evaluate, nothing saved)
#   patch       PATCH /api/configurations/{id} (a new revision: validate + price + store)     goal < 20 ms
#   generate    POST /api/configurations/{id}/generate-bom (after a PATCH of new values)      goal < 200 ms
#   by hand     POST /api/products/templates/{id}/boms with the same 500 lines (a draft through the catalog API)
# and the raw SQL insert of a BOM and its 500 lines (pgbench, one client, rolled back) beside them.
# Usage: bench/configurator.sh [JAR]
# env: ROUNDS (5), REQUESTS (40 per round for health/console/patch), GENERATIONS (8 per round for generate/by hand),
#      PORT (18082), JAVA, JVM_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in jq pgbench psql curl; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
rounds=${ROUNDS:-5}
requests=${REQUESTS:-40}
generations=${GENERATIONS:-8}
port=${PORT:-18082}
serve "$jar" "$port"
sign_up_factory "Bench configurator"
api() { post "$base$1" "$2" -H "$auth"; }

echo "setting up: 530 parts, a product, its 500-line BOM, 30 options, 200 rules..."
sql <<SQL
insert into catalog.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost, status, created_at, updated_at)
select '$org', gen_random_uuid(), 'CP-' || lpad(i::text, 4, '0'), 'Bench part ' || i, 'COMPONENT', 'EA', 1 + i % 7,
       'ACTIVE', now(), now()
  from generate_series(1, 530) i;
SQL
mapfile -t part_ids < <(sql -c "select id from catalog.parts where org_id = '$org' and part_number like 'CP-%' order by part_number")
product=$(api /api/products/templates '{"sku": "BENCH-CFG", "name": "Configurable bench product", "base_price": 1000}' | jq -r .id)
printf '%s\n' "${part_ids[@]:0:500}" | jq -R . | jq -sc '{lines: [.[] | {component_type: "PART", component_id: ., quantity: 2}]}' >"$work/bom.json"
base_bom=$(api "/api/products/templates/$product/boms" "@$work/bom.json" | jq -r .id)
api "/api/boms/$base_bom/activate" '' >/dev/null

options=$work/options.txt
for k in $(seq 1 20); do echo "{\"code\": \"n$k\", \"label\": \"Number $k\", \"type\": \"NUMBER\", \"min\": 0, \"max\": 100, \"step\": 1, \"default\": 10}"; done >"$options"
for k in $(seq 1 5); do echo "{\"code\": \"b$k\", \"label\": \"Flag $k\", \"type\": \"BOOLEAN\", \"default\": false}"; done >>"$options"
for k in $(seq 1 5); do echo "{\"code\": \"c$k\", \"label\": \"Choice $k\", \"type\": \"CHOICE\", \"choices\": [\"a\", \"b\", \"c\"], \"default\": \"a\"}"; done >>"$options"
while read -r option; do api "/api/products/templates/$product/options" "$option" >/dev/null; done <"$options"

rule() { # TYPE PRIORITY CONDITION ACTIONS_JSON
  api /api/configurator/rules "$(jq -nc --arg p "$product" --arg t "$1" --argjson pr "$2" --arg c "$3" --argjson a "$4" \
    '{product_id: $p, name: ($t + " " + ($pr | tostring)), type: $t, priority: $pr, condition: $c, actions: $a}')" >/dev/null
}
for i in $(seq 1 60); do rule VALIDATION "$i" "values.n$((i % 20 + 1)) + values.n$(((i + 7) % 20 + 1)) > 250" '[{"error": "too much"}]'; done
for i in $(seq 1 80); do
  if ((i % 8 == 0)); then rule PRICING $((100 + i)) "values.b$((i % 5 + 1))" '[{"price_multiply": "1.01"}]'
  else rule PRICING $((100 + i)) "values.n$((i % 20 + 1)) > 30" "[{\"price_add\": \"values.n$((i % 20 + 1)) * 1.5\"}]"; fi
done
for i in $(seq 1 20); do rule COMPATIBILITY $((200 + i)) "values.b$((i % 5 + 1))" "[{\"option\": \"c$((i % 5 + 1))\", \"requires\": [\"a\", \"b\", \"c\"]}]"; done
for i in $(seq 1 30); do
  case $((i % 3)) in
    0) rule COMPONENT_SELECTION $((300 + i)) "values.b$((i % 5 + 1))" "[{\"remove\": {\"component_id\": \"${part_ids[i]}\"}}]" ;;
    1) rule COMPONENT_SELECTION $((300 + i)) "values.n$((i % 20 + 1)) > 50" \
         "[{\"replace\": {\"component_id\": \"${part_ids[100 + i]}\", \"with\": {\"component_type\": \"PART\", \"component_id\": \"${part_ids[500 + i - 1]}\", \"quantity\": 3}}}]" ;;
    2) rule COMPONENT_SELECTION $((300 + i)) "values.c$((i % 5 + 1)) != 'c'" \
         "[{\"add\": {\"component_type\": \"PART\", \"component_id\": \"${part_ids[500 + i - 1]}\", \"quantity\": \"values.n$((i % 20 + 1)) / 10 + 1\"}}]" ;;
  esac
done
for i in $(seq 1 10); do
  rule CUSTOM_PART $((400 + i)) "true" "[{\"custom_part\": {\"name\": \"'Panel $i ' + string(values.n$i) + ' x ' + string(values.n$((i + 10)))\", \"unit_cost\": \"values.n$i * 2.0\", \"quantity\": \"1\", \"specifications\": {\"w\": \"values.n$i\", \"h\": \"values.n$((i + 10))\"}}}]"
done
echo "rules: $(sql -c "select count(*) from configurator.rules where org_id = '$org'"), options: $(sql -c "select count(*) from configurator.options where org_id = '$org'"), base BOM lines: $(sql -c "select count(*) from catalog.bom_lines where bom_id = '$base_bom'")"

seq_no=0
next_values() { # new values in $VALUES on every call: the custom parts' specifications change, so generations mint
  seq_no=$((seq_no + 1))
  VALUES=$(jq -nc --argjson s "$seq_no" '[range(1; 21) | {key: "n\(.)", value: ((($s * 7 + . * 13) % 101))}]
    + [range(1; 6) | {key: "b\(.)", value: ((($s + .) % 2) == 0)}]
    + [range(1; 6) | {key: "c\(.)", value: (["a", "b", "c"][($s + .) % 3])}] | from_entries')
}
next_values
configuration=$(api /api/configurations "$(jq -nc --arg p "$product" --argjson v "$VALUES" '{product_id: $p, values: $v}')" | jq -r .id)
[[ $(curl -fsS -H "$auth" "$base/api/configurations/$configuration" | jq -r .valid) == true ]] || die "the bench configuration is not valid"

# timed KIND METHOD PATH [BODY]: one request, its time appended to KIND's file; fails on a non-2xx answer
timed() {
  local out code time
  if [[ -n ${4:-} ]]; then
    out=$(curl -sS -o "$work/last.json" -w '%{http_code} %{time_total}' -X "$2" -H "$auth" -H 'Content-Type: application/json' -d "$4" "$base$3")
  else
    out=$(curl -sS -o "$work/last.json" -w '%{http_code} %{time_total}' -X "$2" -H "$auth" "$base$3")
  fi
  read -r code time <<<"$out"
  [[ $code == 2* ]] || die "$2 $3 answered $code: $(head -c 500 "$work/last.json")"
  echo "$time" >>"$work/$1.txt"
}
: >"$work/health.txt"; : >"$work/console.txt"; : >"$work/patch.txt"; : >"$work/generate.txt"; : >"$work/by-hand.txt"
echo "measuring: $rounds rounds of $requests health/console/patch and $generations generate/by-hand requests..."
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < requests; i++)); do
    timed health GET /actuator/health
    next_values
    timed console POST /api/configurator/console "$(jq -nc --arg p "$product" --argjson v "$VALUES" '{product_id: $p, values: $v}')"
    next_values
    timed patch PATCH "/api/configurations/$configuration" "$(jq -nc --argjson v "$VALUES" '{values: $v}')"
  done
  for ((i = 0; i < generations; i++)); do
    next_values
    curl -fsS -o /dev/null -X PATCH -H "$auth" -H 'Content-Type: application/json' \
      -d "$(jq -nc --argjson v "$VALUES" '{values: $v}')" "$base/api/configurations/$configuration"
    timed generate POST "/api/configurations/$configuration/generate-bom"
    timed by-hand POST "/api/products/templates/$product/boms" "@$work/bom.json"
  done
done
lines=$(jq '.lines | length' "$work/last.json")
newest=$(curl -fsS -H "$auth" "$base/api/configurations/$configuration/boms?limit=1" | jq -r '.items[0].id')
generated_lines=$(curl -fsS -H "$auth" "$base/api/boms/$newest" | jq '.lines | length')
minted=$(sql -c "select count(*) from configurator.custom_parts where org_id = '$org'")

cat >"$work/raw.sql" <<Q
begin;
set local app.org_id = '$org';
insert into catalog.boms (org_id, id, product_id, number, status, notes, created_at, updated_at, version)
values ('$org', '00000000-0000-7000-8000-0000000000b0', '$product',
        (select max(number) + 1 from catalog.boms where org_id = '$org' and product_id = '$product'), 'DRAFT', null,
        now(), now(), 0);
insert into catalog.bom_lines (org_id, id, bom_id, sequence, component_type, component_id, quantity, waste_factor,
                               optional, preference, created_at, updated_at)
select '$org', gen_random_uuid(), '00000000-0000-7000-8000-0000000000b0', l.sequence, 'PART', l.component_id,
       l.quantity, 0, false, 0, now(), now()
  from catalog.bom_lines l where l.bom_id = '$base_bom';
rollback;
Q
raw=$(pgbench -h localhost -p "$(pg_port)" -U postgres -n -M simple -c 1 -t $((rounds * generations * 4)) -f "$work/raw.sql" traveler 2>"$work/pgbench.err" \
  | awk '/latency average/ { print $4 }') || die "pgbench failed: $(cat "$work/pgbench.err")"

# stats KIND: "p50 p95 mean" in ms
stats() {
  awk '{ print $1 * 1000 }' "$work/$1.txt" | sort -g | awk '{ t[NR] = $1; s += $1 }
    END { p95 = int(NR * 0.95); if (p95 < 1) p95 = 1; printf "%.1f %.1f %.1f %d\n", t[int(NR * 0.5) + 1], t[p95], s / NR, NR }'
}
read -r h50 h95 hmean hn <<<"$(stats health)"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "base BOM: 500 lines; generated BOM: $generated_lines lines; custom parts minted: $minted; a BOM by hand: $lines lines"
printf '%-62s %8s %8s %8s %6s %10s\n' "request" "p50 ms" "p95 ms" "mean" "n" "p50/health"
printf '%-62s %8s %8s %8s %6s %10s\n' "GET /actuator/health" "$h50" "$h95" "$hmean" "$hn" "1.0"
for kind in console patch generate by-hand; do
  read -r p50 p95 mean n <<<"$(stats "$kind")"
  case $kind in
    console) label="POST /api/configurator/console (30 options, 200 rules)" ;;
    patch) label="PATCH /api/configurations/{id} (validate + price; goal < 20)" ;;
    generate) label="POST …/generate-bom (500 lines, 10 parts; goal < 200)" ;;
    by-hand) label="POST /api/products/templates/{id}/boms (500 lines by hand)" ;;
  esac
  printf '%-62s %8s %8s %8s %6s %10s\n' "$label" "$p50" "$p95" "$mean" "$n" "$(awk -v a="$p50" -v b="$h50" 'BEGIN { printf "%.1f", a / b }')"
done
printf '%-62s %8s\n' "raw SQL: insert a BOM + its 500 lines (pgbench mean, rolled back)" "$raw"
