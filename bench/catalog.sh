#!/usr/bin/env bash
# The catalog's performance targets (issue 3): starts Traveler on a fresh data directory, runs CatalogBench against
# it (generator, imports, explosion against the raw CTE, where-used, search), and stops it.
# Usage: bench/catalog.sh [JAR]     env: PORT (18080), IMPORT_RUNS (3), REPS (200), JAVA, JVM_OPTS,
# HEALTH_TIMEOUT (300 s to wait for the start)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
port=${PORT:-18080}
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

# PostgreSQL's JDBC driver for the reference query, from the application jar itself (nothing is downloaded)
command -v unzip >/dev/null || die "unzip is needed to take the JDBC driver out of the jar"
unzip -q -o "$jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$work"
driver=$(ls "$work"/BOOT-INF/lib/postgresql-*.jar 2>/dev/null | head -1)
[[ -n $driver ]] || die "no PostgreSQL driver in $jar"

echo "jar:  $jar"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start_app "$jar" "$port" "$work/data" "$log"
wait_healthy "$port" "${HEALTH_TIMEOUT:-300}" || die "Traveler did not become healthy"
"$JAVA" -cp "$driver" bench/CatalogBench.java "http://127.0.0.1:$port" "$work/data"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after the run"
