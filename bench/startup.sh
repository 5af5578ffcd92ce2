#!/usr/bin/env bash
# Cold start to healthy on an existing data directory: wall time, the JVM's CPU time, and its RSS right after.
# Usage: bench/startup.sh [JAR] [DATA_DIR]
#        bench/startup.sh JAR_A JAR_B [...]   compares jars: each round starts every jar once, in turn, each on
#                                             its own data directory, so a noisy machine weighs on all alike
# env: RUNS (3), PORT (18080), HEALTH_TIMEOUT (600 s), JAVA, JVM_OPTS, AOT (0; 1 = extracted jar with a JDK AOT cache recorded by a
# training run, the recommended way to run Traveler in production)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jars=()
data=
for arg in "$@"; do
  if [[ $arg == *.jar ]]; then jars+=("$arg"); else data=$arg; fi
done
((${#jars[@]} > 0)) || jars=("$(find_jar)") || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
[[ -z $data || ${#jars[@]} == 1 ]] || die "a data directory can only be given for one jar"
for jar in "${jars[@]}"; do [[ -f $jar ]] || die "no jar at $jar"; done
runs=${RUNS:-3}
port=${PORT:-18080}
work=$(mktemp -d)
log=$work/app.log
ticks=$(getconf CLK_TCK)

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

# user + system CPU seconds the JVM has used so far (JIT and GC threads included; PostgreSQL runs apart)
cpu_s() { awk -v t="$ticks" '{sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / t}' "/proc/$1/stat"; }

echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "cpus: $(nproc)   JVM_OPTS: ${JVM_OPTS:-none}"
datas=()
base_opts=${JVM_OPTS:-}
for i in "${!jars[@]}"; do
  jar=${jars[$i]}
  datas[i]=${data:-$work/data-$i}
  echo "jar $i: $jar   data: ${datas[$i]}"
  # The first start creates the data directory (database, migrations, signing key); it is not measured. A data
  # directory given on the command line that already holds a database is used as it is.
  if [[ -n $data && -d $data/postgres ]]; then
    echo "  existing data directory: no first start"
  else
    t0=$(now_us)
    start_app "$jar" "$port" "${datas[$i]}" "$log"
    wait_healthy "$port" "${HEALTH_TIMEOUT:-600}" || die "the first start of $jar did not become healthy"
    printf '  first start (new data dir, not counted): %.1f s\n' "$(awk -v us=$(($(now_us) - t0)) 'BEGIN{print us / 1e6}')"
    stop_app
  fi
  if [[ ${AOT:-0} == 1 ]]; then
    t0=$(now_us)
    jars[i]=$(prepare_aot "$jar" "$work/extracted-$i" "${datas[$i]}")
    printf '  AOT cache recorded (not counted): %.1f s\n' "$(awk -v us=$(($(now_us) - t0)) 'BEGIN{print us / 1e6}')"
  fi
done

printf '\n%-5s %-4s %12s %8s %10s\n' run jar "healthy (s)" "CPU (s)" "RSS (MB)"
declare -A times cpus rsses
for ((r = 1; r <= runs; r++)); do
  for i in "${!jars[@]}"; do
    JVM_OPTS=$base_opts
    [[ ${AOT:-0} == 1 ]] && JVM_OPTS="$base_opts -XX:AOTCache=$work/extracted-$i/traveler.aot"
    t0=$(now_us)
    start_app "${jars[$i]}" "$port" "${datas[$i]}" "$log"
    wait_healthy "$port" "${HEALTH_TIMEOUT:-600}" || die "start $r of jar $i did not become healthy"
    elapsed=$(awk -v us=$(($(now_us) - t0)) 'BEGIN{printf "%.2f", us / 1e6}')
    cpu=$(cpu_s "$APP_PID")
    rss=$(rss_mb "$APP_PID")
    printf '%-5s %-4s %12s %8s %10s\n' "$r" "$i" "$elapsed" "$cpu" "$rss"
    times[$i]+="$elapsed "
    cpus[$i]+="$cpu "
    rsses[$i]+="$rss "
    stop_app
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
for i in "${!jars[@]}"; do
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  printf '%-5s %-4s %12.2f %8.1f %10.0f\n' median "$i" "$(median ${times[$i]})" "$(median ${cpus[$i]})" \
    "$(median ${rsses[$i]})"
done
