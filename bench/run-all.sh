#!/usr/bin/env bash
# Every benchmark in one go: startup (bench/startup.sh), token throughput on a fresh data directory, then the
# catalog's targets (bench/catalog.sh, on another fresh data directory).
# Usage: bench/run-all.sh     env: PORT (18080), RUNS (3), DURATION (20 s), CONCURRENCY (8), IMPORT_RUNS (3),
# REPS (200), JAVA
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

if ! jar=$(find_jar); then
  echo "Building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
  jar=$(find_jar) || die "the build produced no target/traveler-*.jar"
fi
port=${PORT:-18080}

echo "== Startup (java -jar)"
PORT=$port bench/startup.sh "$jar"

echo
echo "== Startup (extracted jar with a JDK AOT cache)"
AOT=1 PORT=$port bench/startup.sh "$jar"

echo
echo "== Token throughput"
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

start_app "$jar" "$port" "$work/data" "$log"
wait_healthy "$port" 300 || die "Traveler did not become healthy"
"$JAVA" bench/TokenThroughput.java "http://127.0.0.1:$port" "${DURATION:-20}" "${CONCURRENCY:-8}"
stop_app

echo
echo "== Catalog: import, explosion, where-used, search"
PORT=$port bench/catalog.sh "$jar"
