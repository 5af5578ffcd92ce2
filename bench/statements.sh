#!/usr/bin/env bash
# The SQL statements one authenticated GET /api/stations/{id} sends, as PostgreSQL logs them (log_statement=all on
# the embedded server, for the application's role only), after a first GET that warms caches.
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
cleanup() { stop_app; [[ -n ${KEEP:-} ]] || rm -rf "$work"; }
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

# log_statement for every session of the application's role, from now on
sql "alter system set log_statement = 'all'" && sql "select pg_reload_conf()" >/dev/null
sleep 1
marker="statements-marker-$RANDOM"
sql "select '$marker-start'" >/dev/null
curl -fsS -o /dev/null -H "$auth" "$base/api/stations/$station"
sql "select '$marker-end'" >/dev/null
sql "alter system reset log_statement" && sql "select pg_reload_conf()" >/dev/null
sleep 1

echo "work: $work" >&2
logs=$(cat "$log" "$work/data/postgres"/log/* "$work"/data/postgres-runtime/*.log 2>/dev/null || true)
between=$(awk "/$marker-start/{on=1; next} /$marker-end/{on=0} on" <<<"$logs" | grep -E 'LOG: +(statement|execute)' | grep -v "$marker" || true)
echo "$between" | sed -E 's/.*LOG: +//'
echo "statements of one GET /api/stations/{id}: $(grep -c . <<<"$between" || true)"
