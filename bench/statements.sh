#!/usr/bin/env bash
# How many transactions one authenticated GET /api/stations/{id} costs PostgreSQL, from pg_stat_database over GETS
# (500) sequential requests after a first one that warms caches.
# Usage: bench/statements.sh [JAR]     env: PORT (18080), JAVA, KEY (0; 1 = an API key instead of a token)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

command -v psql >/dev/null || die "psql is missing"
jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
port=${PORT:-18080}
base=http://127.0.0.1:$port
work=$(mktemp -d)
log=$work/app.log
cleanup() { stop_app; rm -rf "$work"; }
trap cleanup EXIT

start_app "$jar" "$port" "$work/data" "$log"
wait_healthy "$port" 900 || die "the server did not become healthy"
pg_port=$(sed -n 4p "$work/data/postgres/postmaster.pid")
sql() { psql -qAt -h localhost -p "$pg_port" -U postgres -d postgres -c "$1"; }

post() { curl -fsS -H 'Content-Type: application/json' "${@:3}" -d "$2" "$base$1"; }
email="bench-$(date +%s%N)@example.com"
password="bench-password-$RANDOM-$RANDOM"
post /api/auth/signup "$(jq -nc --arg e "$email" --arg p "$password" \
  '{organization_name: "Bench statements", organization_kind: "FACTORY", name: "Bench administrator", email: $e, password: $p}')" >/dev/null
token=$(post /api/auth/token "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)
auth="Authorization: Bearer $token"
if [[ ${KEY:-0} == 1 ]]; then
  auth="X-API-Key: $(post /api/api-keys '{"name": "bench", "permissions": ["stations:read"]}' -H "$auth" | jq -r .key)"
fi
station=$(post /api/stations '{"name": "Bench station"}' -H "Authorization: Bearer $token" | jq -r .id)
curl -fsS -o /dev/null -H "$auth" "$base/api/stations/$station"

# Transactions PostgreSQL counts for the database while GETS requests are sent one after another (background work,
# such as db-scheduler's polling, adds a few; hence many requests).
gets=${GETS:-500}
xacts() { sql "select pg_stat_clear_snapshot(); select xact_commit + xact_rollback from pg_stat_database where datname = 'traveler'" | tail -1; }
sleep 2
before=$(xacts)
for ((i = 0; i < gets; i++)); do curl -fsS -o /dev/null -H "$auth" "$base/api/stations/$station"; done
sleep 2 # backends report their counts at most once a second
after=$(xacts)
awk -v b="$before" -v a="$after" -v n="$gets" 'BEGIN{printf "transactions per GET /api/stations/{id}: %.2f (%d in %d requests)\n", (a - b) / n, a - b, n}'
