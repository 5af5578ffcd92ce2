#!/usr/bin/env bash
# Where one start on an existing data directory goes: Spring's startup steps (self time by step and bean), the JVM's
# CPU by thread (main, JIT compilers, GC) and JFR's execution samples grouped by phase and kind of work.
# Usage: bench/startup-profile.sh [JAR] [DATA_DIR] [-- APP_ARG...]
#        (DATA_DIR: one that already holds a database, else a new one is made by a first start, not profiled)
# env: JAVA, JVM_OPTS, OUT (directory kept with start.jfr, samples.txt and the reports; default a temporary one)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

jar= data=
while (($# > 0)) && [[ $1 != -- ]]; do
  if [[ $1 == *.jar ]]; then jar=$1; else data=$1; fi
  shift
done
[[ ${1:-} == -- ]] && shift
[[ -n $jar ]] || jar=$(find_jar) || die "no target/traveler-*.jar; build it with: mvn -DskipTests package"
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
port=${PORT:-18080}
work=$(mktemp -d)
trap 'stop_app; rm -rf "$work"' EXIT
data=${data:-$work/data}
if [[ ! -d $data/postgres ]]; then
  echo "first start on a new data directory $data (not profiled)"
  start_app "$jar" "$port" "$data" "$work/first.log" "$@"
  wait_healthy "$port" "${HEALTH_TIMEOUT:-600}" || die "the first start did not become healthy; see $work/first.log"
  stop_app
fi

# StartupSteps is compiled against the Spring jars inside the application's jar and run through its launcher
mkdir -p "$work/lib" "$work/classes"
unzip -q -o -j "$jar" 'BOOT-INF/lib/spring-boot-[0-9]*.jar' 'BOOT-INF/lib/spring-core-*.jar' \
  'BOOT-INF/lib/spring-context-[0-9]*.jar' -d "$work/lib"
"$(dirname "$JAVA")/javac" -nowarn -d "$work/classes" -cp "$work/lib/*" bench/StartupSteps.java
# shellcheck disable=SC2086 # JVM_OPTS holds several options
"$JAVA" ${JVM_OPTS:-} -XX:StartFlightRecording=filename="$out/start.jfr",settings=profile \
  -XX:FlightRecorderOptions:stackdepth=512 -Dloader.path="$work/classes" -Dloader.main=StartupSteps \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher --server.port="$port" \
  --server.address=127.0.0.1 --traveler.data-dir="$data" "$@" >"$out/app.log" 2>&1 ||
  die "the profiled start failed; see $out/app.log"
sed -n '/^== ready after/,$p' "$out/app.log" | grep -v '^[0-9-]*T[0-9:.]*Z ' | tee "$out/steps.txt"
"$(dirname "$JAVA")/jfr" print --events jdk.ExecutionSample --stack-depth 512 "$out/start.jfr" >"$out/samples.txt"
echo
python3 bench/startup-phases.py "$out/samples.txt" | tee "$out/phases.txt"
echo
echo "kept in $out (start.jfr, samples.txt, app.log, steps.txt, phases.txt)"
