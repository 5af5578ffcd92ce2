#!/usr/bin/env bash
# Cold start to healthy on an existing data directory: wall time, the JVM's CPU time, and its RSS right after.
# Usage: bench/startup.sh [JAR] [DATA_DIR]
#        bench/startup.sh JAR_A JAR_B [...]   compares jars: each round starts every jar once, in turn, each on
#                                             its own data directory, so a noisy machine weighs on all alike
#        bench/startup.sh JAR 'JAR --some.property=value' '-Xmx256m JAR'   a jar given with JVM options before it or
#                                             application arguments after it (one quoted word) counts as a jar of its
#                                             own: compares settings without a rebuild
#        bench/startup.sh JAR_A JAR_B DATA_DIR   all jars start on DATA_DIR (only for jars with the same migrations)
# env: RUNS (3), PORT (18080), HEALTH_TIMEOUT (600 s), JAVA, JVM_OPTS, AOT (0; 1 = extracted jar with a JDK AOT cache recorded by a
# training run, the recommended way to run Traveler in production)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jars=()
jar_args=()
jar_opts=()
data=
for arg in "$@"; do
  if [[ $arg == *.jar || $arg == *.jar\ * ]]; then
    split_spec "$arg"
    jars+=("$spec_jar")
    jar_opts+=("$spec_opts")
    jar_args+=("$spec_args")
  else
    data=$arg
  fi
done
((${#jars[@]} > 0)) || { jars=("$(find_jar)") && jar_args=("") && jar_opts=(""); } ||
  die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
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
# the same for the JVM's threads whose name starts with $2 (the main thread is named "java", the JIT compilers
# "C1 CompilerThre…" and "C2 CompilerThre…")
threads_cpu_s() {
  local task sum=0
  for task in /proc/"$1"/task/*; do
    [[ $(cat "$task/comm" 2>/dev/null) == "$2"* ]] || continue
    sum=$(awk -v s="$sum" -v t="$ticks" '{sub(/.*\) /, ""); print s + ($12 + $13) / t}' "$task/stat")
  done
  printf '%.1f' "$sum"
}
# Seconds the first requests after healthy take, one after the other: a sign-up, a token, the caller, two lists and
# a page (what a lazily built part of the application costs its first user). Each run adds one organization.
first_requests_s() {
  local base=http://127.0.0.1:$1 email="start-$(date +%s%N)@example.com" password="start-password-$RANDOM-$RANDOM"
  local t0 token auth
  t0=$(now_us)
  curl -fsS -o /dev/null -H 'Content-Type: application/json' "$base/api/auth/signup" -d "$(jq -nc --arg e "$email" \
    --arg p "$password" '{organization_name: "Start", organization_kind: "FACTORY", name: "Start", email: $e, password: $p}')"
  token=$(curl -fsS -H 'Content-Type: application/json' "$base/api/auth/token" \
    -d "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)
  auth="Authorization: Bearer $token"
  curl -fsS -o /dev/null -H "$auth" "$base/api/me"
  curl -fsS -o /dev/null -H "$auth" "$base/api/stations"
  curl -fsS -o /dev/null -H "$auth" "$base/api/catalog/parts"
  curl -fsS -o /dev/null "$base/login"
  awk -v us=$(($(now_us) - t0)) 'BEGIN{printf "%.2f", us / 1e6}'
}
# Libraries the launcher reads nested in the jar rather than unpacked (pom.xml, requiresUnpack): every class
# looked up after them in BOOT-INF/classpath.idx pays for probing them
nested_libs() {
  python3 - "$1" <<'PY' 2>/dev/null || true
import sys, zipfile
libs = [i for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.startswith("BOOT-INF/lib/") and i.filename.endswith(".jar")]
nested = [i.filename[13:] for i in libs if not i.comment.startswith(b"UNPACK") and "jarmode" not in i.filename]
print(f"{len(nested)} of {len(libs)} libraries nested" + (": " + " ".join(nested[:6]) if nested else "") + (" …" if len(nested) > 6 else ""))
PY
}

echo "java: $("$JAVA" -version 2>&1 | head -1)"
echo "cpus: $(nproc)   JVM_OPTS: ${JVM_OPTS:-none}"
datas=()
given=("${jars[@]}")
base_opts=${JVM_OPTS:-}
for i in "${!jars[@]}"; do
  jar=${jars[$i]}
  datas[i]=${data:-$work/data-$i}
  # the same jar with other arguments shares its data directory
  for ((k = 0; k < i; k++)); do [[ ${given[$k]} != "$jar" ]] || { datas[i]=${datas[$k]}; break; }; done
  echo "jar $i: ${jar_opts[$i]}$jar ${jar_args[$i]}  data: ${datas[$i]}"
  echo "  $(nested_libs "$jar")"
  # The first start creates the data directory (database, migrations, signing key); it is not measured. A data
  # directory given on the command line that already holds a database is used as it is.
  if [[ -d ${datas[$i]}/postgres ]]; then
    echo "  existing data directory: no first start"
  else
    t0=$(now_us)
    # shellcheck disable=SC2086 # the jar's options and arguments are separate words
    JVM_OPTS="$base_opts ${jar_opts[$i]}" start_app "$jar" "$port" "${datas[$i]}" "$log" ${jar_args[$i]}
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

printf '\n%-5s %-4s %12s %8s %10s %8s %8s %10s\n' run jar "healthy (s)" "CPU (s)" "RSS (MB)" "main (s)" "C2 (s)" "first (s)"
declare -A times cpus rsses mains c2s firsts
for ((r = 1; r <= runs; r++)); do
  for i in "${!jars[@]}"; do
    JVM_OPTS="$base_opts ${jar_opts[$i]}"
    [[ ${AOT:-0} == 1 ]] && JVM_OPTS+=" -XX:AOTCache=$work/extracted-$i/traveler.aot"
    t0=$(now_us)
    # shellcheck disable=SC2086 # the jar's arguments are separate words
    start_app "${jars[$i]}" "$port" "${datas[$i]}" "$log" ${jar_args[$i]}
    wait_healthy "$port" "${HEALTH_TIMEOUT:-600}" || die "start $r of jar $i did not become healthy"
    elapsed=$(awk -v us=$(($(now_us) - t0)) 'BEGIN{printf "%.2f", us / 1e6}')
    cpu=$(cpu_s "$APP_PID")
    rss=$(rss_mb "$APP_PID")
    main=$(threads_cpu_s "$APP_PID" java)
    c2=$(threads_cpu_s "$APP_PID" C2)
    first=$(first_requests_s "$port" || echo n/a)
    printf '%-5s %-4s %12s %8s %10s %8s %8s %10s\n' "$r" "$i" "$elapsed" "$cpu" "$rss" "$main" "$c2" "$first"
    mains[$i]+="$main "
    c2s[$i]+="$c2 "
    firsts[$i]+="$first "
    times[$i]+="$elapsed "
    cpus[$i]+="$cpu "
    rsses[$i]+="$rss "
    stop_app
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0}'; }
for i in "${!jars[@]}"; do
  # shellcheck disable=SC2086 # the lists are space-separated numbers
  printf '%-5s %-4s %12.2f %8.1f %10.0f %8.1f %8.1f %10.2f\n' median "$i" "$(median ${times[$i]})" \
    "$(median ${cpus[$i]})" "$(median ${rsses[$i]})" "$(median ${mains[$i]})" "$(median ${c2s[$i]})" \
    "$(median ${firsts[$i]})"
done
