#!/usr/bin/env bash
# Cold start to healthy on an existing data directory, and the JVM's RSS right after.
# Usage: bench/startup.sh [JAR] [DATA_DIR]     env: RUNS (3), PORT (18080), JAVA, AOT (0; 1 = extracted jar
# with a JDK AOT cache recorded by a training run, the recommended way to run Traveler in production)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jar=${1:-$(find_jar)} || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -f $jar ]] || die "no jar at $jar"
runs=${RUNS:-3}
port=${PORT:-18080}
work=$(mktemp -d)
data=${2:-$work/data}
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

echo "jar:  $jar"
echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "data: $data"

# First start creates the data directory (database, migrations, signing key); it is not measured.
t0=$(now_us)
start_app "$jar" "$port" "$data" "$log"
wait_healthy "$port" 300 || die "the first start did not become healthy"
printf 'first start (new data dir, not counted): %.1f s\n' "$(awk -v us=$(($(now_us) - t0)) 'BEGIN{print us / 1e6}')"
stop_app

if [[ ${AOT:-0} == 1 ]]; then
  t0=$(now_us)
  jar=$(prepare_aot "$jar" "$work/extracted" "$data")
  JVM_OPTS="-XX:AOTCache=$work/extracted/traveler.aot"
  printf 'AOT cache recorded (not counted): %.1f s\n' "$(awk -v us=$(($(now_us) - t0)) 'BEGIN{print us / 1e6}')"
fi

printf '\n%-5s %12s %10s\n' run "healthy (s)" "RSS (MB)"
times=()
rsses=()
for ((i = 1; i <= runs; i++)); do
  t0=$(now_us)
  start_app "$jar" "$port" "$data" "$log"
  wait_healthy "$port" 300 || die "start $i did not become healthy"
  elapsed=$(awk -v us=$(($(now_us) - t0)) 'BEGIN{printf "%.2f", us / 1e6}')
  rss=$(rss_mb "$APP_PID")
  printf '%-5s %12s %10s\n' "$i" "$elapsed" "$rss"
  times+=("$elapsed")
  rsses+=("$rss")
  stop_app
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
printf '%-5s %12.2f %10.0f\n' median "$(median "${times[@]}")" "$(median "${rsses[@]}")"
