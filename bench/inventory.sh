#!/usr/bin/env bash
# Inventory against issue 12's figures, in one run on one server:
#  1. a ledger of MOVEMENTS movements (10 million by default) over PARTS parts, LOTS lots each, in LOCATIONS locations,
#     loaded straight into the embedded PostgreSQL (receipts of 2 and issues of 1, so every balance stays positive),
#     with the balances and part totals computed from it;
#  2. a part's balances (GET /api/inventory/balances?part_id=) and its last 100 movements
#     (GET /api/inventory/movements?part_id=&limit=100) over HTTP, REQUESTS of each for random parts, one at a time,
#     beside the same queries in raw SQL (pgbench, one client, prepared), and stock value by location
#     (GET /api/inventory/value?by=location) beside its SQL;
#  3. the ledger check (GET /api/inventory/ledger-check) on the loaded ledger (expects no mismatch).
# Goals: balances + last 100 movements under 20 ms, stock value by location under 200 ms.
# Usage: bench/inventory.sh [JAR]
# env: MOVEMENTS (10000000), PARTS (1000), LOTS (10), LOCATIONS (10), REQUESTS (300), PORT (18081), JAVA, JVM_OPTS
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in jq pgbench psql curl; do command -v $tool >/dev/null || die "$tool is missing"; done
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
movements=${MOVEMENTS:-10000000}
parts=${PARTS:-1000}
lots=${LOTS:-10}
locations=${LOCATIONS:-10}
requests=${REQUESTS:-300}
port=${PORT:-18081}
serve "$jar" "$port"
sign_up_factory "Bench stock"

echo "loading $parts parts, $((parts * lots)) lots, $locations locations and $movements movements..."
loaded=$(now_us)
sql <<SQL
set session_replication_role = replica; -- the generated rows are consistent by construction: no per-row FK checks
insert into accounts.locations (org_id, id, code, name, kind, parent_id, created_at, updated_at)
select '$org', gen_random_uuid(), 'BENCH', 'Bench site', 'SITE', null, now(), now();
insert into accounts.locations (org_id, id, code, name, kind, parent_id, created_at, updated_at)
select '$org', gen_random_uuid(), 'BENCH-' || i, 'Bench area ' || i, 'AREA',
       (select id from accounts.locations where org_id = '$org' and code = 'BENCH'), now(), now()
  from generate_series(1, $locations) i;
insert into catalog.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost, status, created_at, updated_at)
select '$org', gen_random_uuid(), 'BP-' || lpad(i::text, 6, '0'), 'Bench part ' || i, 'MATERIAL', 'pcs', 1.5, 'ACTIVE',
       now(), now()
  from generate_series(1, $parts) i;
create temporary table bench_parts as
select row_number() over (order by part_number) - 1 as n, id from catalog.parts where org_id = '$org';
create temporary table bench_locations as
select row_number() over (order by code) - 1 as n, id from accounts.locations where org_id = '$org' and kind = 'AREA';
insert into inventory.lots (org_id, id, part_id, lot_number, received_at, unit_cost, created_at)
select '$org', gen_random_uuid(), p.id, 'L' || l, now() - interval '1 year' + l * interval '1 day', 1 + l * 0.1, now()
  from bench_parts p cross join generate_series(0, $lots - 1) l;
create temporary table bench_lots as
select p.n * $lots + (row_number() over (partition by p.n order by lot.received_at) - 1) as n, lot.id, lot.part_id,
       lot.unit_cost
  from inventory.lots lot join bench_parts p on p.id = lot.part_id where lot.org_id = '$org';
create index on bench_lots (n);
analyze bench_lots; analyze bench_locations;
-- movement i: lot i % (parts * lots), location (i / (parts * lots)) % locations; receipts (2) on even rounds of a
-- lot-location, issues (1) on odd ones, so each balance is 2 * receipts - issues >= 0 at every step.
insert into inventory.movements (org_id, id, at, kind, part_id, lot_id, from_location_id, to_location_id, quantity,
                                 unit_cost, actor_id)
select '$org', gen_random_uuid(), now() - ($movements - i) * interval '1 second',
       case when (i / ($parts * $lots * $locations)) % 2 = 0 then 'RECEIPT' else 'ISSUE' end,
       lot.part_id, lot.id,
       case when (i / ($parts * $lots * $locations)) % 2 = 0 then null else loc.id end,
       case when (i / ($parts * $lots * $locations)) % 2 = 0 then loc.id else null end,
       case when (i / ($parts * $lots * $locations)) % 2 = 0 then 2 else 1 end,
       lot.unit_cost, null
  from generate_series(0, $movements - 1) i
  join bench_lots lot on lot.n = i % ($parts * $lots)
  join bench_locations loc on loc.n = (i / ($parts * $lots)) % $locations;
insert into inventory.balances (org_id, part_id, lot_id, location_id, on_hand, reserved, updated_at)
select '$org', part_id, lot_id, coalesce(to_location_id, from_location_id),
       sum(case when to_location_id is not null then quantity else -quantity end), 0, now()
  from inventory.movements where org_id = '$org'
 group by part_id, lot_id, coalesce(to_location_id, from_location_id);
insert into inventory.part_stock (org_id, part_id, on_hand, reserved, average_cost, updated_at)
select '$org', b.part_id, sum(b.on_hand), 0, sum(b.on_hand * l.unit_cost) / nullif(sum(b.on_hand), 0), now()
  from inventory.balances b join inventory.lots l on l.id = b.lot_id where b.org_id = '$org'
 group by b.part_id;
SQL
sql -c "vacuum analyze inventory.movements" -c "vacuum analyze inventory.balances" -c "vacuum analyze inventory.lots" \
  -c "vacuum analyze inventory.part_stock"
echo "loaded in $((($(now_us) - loaded) / 1000000)) s: $(sql -c "select count(*) from inventory.movements where org_id = '$org'") movements, $(sql -c "select count(*) from inventory.balances where org_id = '$org'") balances"

sql -c "select id from catalog.parts where org_id = '$org'" >"$work/parts.txt"
mapfile -t part_ids <"$work/parts.txt"

# http_ms PATH: sequential GETs, one per random part ({part} in PATH replaced); prints "p50 p99 mean" in ms
http_ms() {
  local i path
  : >"$work/times.txt"
  for ((i = 0; i < requests; i++)); do
    path=${1//\{part\}/${part_ids[RANDOM % ${#part_ids[@]}]}}
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H "$auth" "$base$path" >>"$work/times.txt"
  done
  local bad
  bad=$(awk '$1 != 200' "$work/times.txt" | wc -l)
  awk '{ print $2 * 1000 }' "$work/times.txt" | sort -g | awk -v bad="$bad" '{ t[NR] = $1; s += $1 }
       END { p99 = int(NR * 0.99); if (p99 < 1) p99 = 1
             printf "%.1f %.1f %.1f%s\n", t[int(NR * 0.5) + 1], t[p99], s / NR, (bad > 0 ? " (" bad " not 200)" : "") }'
}
# sql_ms FILE: the same query in raw SQL, one client, prepared; prints the mean latency in ms
sql_ms() {
  pgbench -h localhost -p "$(pg_port)" -U postgres -n -M prepared -c 1 -t "$requests" -D parts="$parts" \
    -f "$1" traveler 2>"$work/pgbench.err" | awk '/latency average/ { print $4 }'
}
cat >"$work/balances.sql" <<'Q'
\set p random(1, :parts)
begin;
set local app.org_id = 'ORG';
select b.location_id, sum(b.on_hand), sum(b.reserved), sum(b.on_hand - b.reserved)
  from inventory.balances b
 where b.org_id = 'ORG' and b.part_id = (select id from catalog.parts where org_id = 'ORG' and part_number = 'BP-' || lpad(:p::text, 6, '0'))
 group by b.location_id;
commit;
Q
cat >"$work/movements.sql" <<'Q'
\set p random(1, :parts)
begin;
set local app.org_id = 'ORG';
select m.* from inventory.movements m
 where m.org_id = 'ORG' and m.part_id = (select id from catalog.parts where org_id = 'ORG' and part_number = 'BP-' || lpad(:p::text, 6, '0'))
 order by m.seq desc limit 100;
commit;
Q
cat >"$work/value.sql" <<'Q'
begin;
set local app.org_id = 'ORG';
select b.location_id, sum(b.on_hand), sum(b.on_hand * s.average_cost)
  from inventory.balances b join inventory.part_stock s on s.org_id = b.org_id and s.part_id = b.part_id
 where b.org_id = 'ORG'
 group by b.location_id;
commit;
Q
sed -i "s/ORG/$org/g" "$work/balances.sql" "$work/movements.sql" "$work/value.sql"

echo "warm-up..."
requests_saved=$requests; requests=50
http_ms "/api/inventory/balances?part_id={part}" >/dev/null
http_ms "/api/inventory/movements?part_id={part}&limit=100" >/dev/null
requests=$requests_saved

printf '\n%-46s %9s %9s %9s %12s\n' "request ($requests, one at a time)" "p50 ms" "p99 ms" "mean ms" "raw SQL ms"
read -r b50 b99 bmean brest < <(http_ms "/api/inventory/balances?part_id={part}")
printf '%-46s %9s %9s %9s %12s %s\n' "a part's balances" "$b50" "$b99" "$bmean" "$(sql_ms "$work/balances.sql")" "${brest:-}"
read -r m50 m99 mmean mrest < <(http_ms "/api/inventory/movements?part_id={part}&limit=100")
printf '%-46s %9s %9s %9s %12s %s\n' "its last 100 movements" "$m50" "$m99" "$mmean" "$(sql_ms "$work/movements.sql")" "${mrest:-}"
echo "balances + last 100 movements: p50 $(awk -v a="$b50" -v b="$m50" 'BEGIN{print a + b}') ms, p99 $(awk -v a="$b99" -v b="$m99" 'BEGIN{print a + b}') ms (goal < 20 ms)"
requests_saved=$requests; requests=20
read -r v50 v99 vmean vrest < <(http_ms "/api/inventory/value?by=location")
printf '%-46s %9s %9s %9s %12s %s\n' "stock value by location (20)" "$v50" "$v99" "$vmean" "$(sql_ms "$work/value.sql")" "${vrest:-}"
requests=$requests_saved
echo "(goal < 200 ms)"

# The whole ledger's check reads every movement (over the 5 s statement timeout at 10 million: 503, by design); one
# part's check reads that part's movements.
check_started=$(now_us)
mismatches=$(curl -fsS -H "$auth" "$base/api/inventory/ledger-check?part_id=${part_ids[0]}" | jq '(.mismatches // .items // []) | length')
echo "ledger check of one part ($((movements / parts)) movements): $mismatches mismatches in $((($(now_us) - check_started) / 1000)) ms"
check_started=$(now_us)
status=$(curl -sS -o "$work/check.json" -w '%{http_code}' -H "$auth" "$base/api/inventory/ledger-check")
echo "ledger check of all $movements movements: HTTP $status, $(jq '(.mismatches // .items // []) | length' "$work/check.json" 2>/dev/null || echo '-') mismatches in $((($(now_us) - check_started) / 1000)) ms"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
