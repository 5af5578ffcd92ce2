# Helpers shared by the bench scripts (sourced, not run). Everything listens on 127.0.0.1 only.

JAVA=${JAVA:-}
if [[ -z $JAVA ]]; then
  if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    JAVA=java
  fi
fi

die() { echo "bench: $*" >&2; exit 1; }

# The newest application jar under target/ (Spring Boot's repackaged one, not *.jar.original).
find_jar() {
  local jars=(target/traveler-*.jar)
  [[ -e ${jars[0]} ]] || return 1
  ls -t "${jars[@]}" | head -1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Microseconds since the epoch, without forking.
now_us() { echo "${EPOCHREALTIME/./}"; }

# start_app JAR PORT DATA_DIR LOG [ARG...]: starts Traveler in the background and sets APP_PID; the ARGs (such as
# --spring.some.property=value) follow the jar's own.
start_app() {
  port_free "$2" || die "port $2 is in use; set PORT to a free one"
  # the sign-in throttle (429) would otherwise cap the token benchmark at its per-address limit
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  "$JAVA" ${JVM_OPTS:-} -jar "$1" --server.port="$2" --server.address=127.0.0.1 --traveler.data-dir="$3" \
    --traveler.security.auth-requests-per-minute=100000000 "${@:5}" >>"$4" 2>&1 &
  APP_PID=$!
  APP_DATA=$3
}

# prepare_aot JAR DIR: extracts the jar into DIR (the JDK's AOT cache needs plain jars on the class path, not
# Spring Boot's nested ones), runs it once to record an AOT cache (JDK 25, JEP 483/514/515), and prints the
# extracted jar's path. The training run refreshes the context against DATA_DIR, then exits.
prepare_aot() {
  local jar=$1 dir=$2 data=$3
  "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
  local app
  app=$(ls "$dir"/traveler-*.jar)
  "$JAVA" -XX:AOTCacheOutput="$dir/traveler.aot" -Dspring.context.exit=onRefresh -jar "$app" \
    --server.port=0 --server.address=127.0.0.1 --traveler.data-dir="$data" >"$dir/training.log" 2>&1 \
    || die "the AOT training run failed; see $dir/training.log"
  echo "$app"
}

alive() { [[ -e /proc/$1 ]] && [[ $(awk '/^State:/{print $2}' "/proc/$1/status" 2>/dev/null) != Z ]]; }

# wait_healthy PORT TIMEOUT_S: returns once GET /actuator/health answers 200 with "UP".
wait_healthy() {
  local deadline=$((SECONDS + $2)) body
  while ((SECONDS < deadline)); do
    alive "$APP_PID" || return 1
    if body=$(curl -fsS --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null) && [[ $body == *'"UP"'* ]]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# VmRSS of the application's JVM in MB (the embedded PostgreSQL runs in separate processes).
rss_mb() { awk '/^VmRSS:/{printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# stop_app: SIGTERM, wait up to 60 s, then SIGKILL (and stop the embedded PostgreSQL it leaves behind).
stop_app() {
  [[ -n ${APP_PID:-} ]] || return 0
  kill -TERM "$APP_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while alive "$APP_PID" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$APP_PID"; then
    local dump
    dump=$(mktemp /tmp/traveler-stop-XXXXXX.txt)
    local jcmd="$(dirname "$JAVA")/jcmd"
    [[ -x $jcmd ]] || jcmd=jcmd
    "$jcmd" "$APP_PID" Thread.print >"$dump" 2>&1 || true
    echo "bench: app did not stop within 60 s; its threads are in $dump; killing it" >&2
    kill -KILL "$APP_PID" 2>/dev/null || true
    local pg_pid
    pg_pid=$(head -1 "$APP_DATA/postgres/postmaster.pid" 2>/dev/null) && kill -TERM "$pg_pid" 2>/dev/null || true
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

# serve JAR PORT: starts the jar on a fresh data directory under a temporary $work (removed on exit, the server's
# log shown when the script fails), waits until it is healthy and defines $base, $data, pg_port, sql and post.
serve() {
  work=$(mktemp -d)
  data=$work/data
  trap _serve_cleanup EXIT
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start_app "$1" "$2" "$data" "$work/app.log"
  wait_healthy "$2" 900 || die "the server did not become healthy"
  base=http://127.0.0.1:$2
}
_serve_cleanup() {
  local rc=$?
  APP_DATA=$data stop_app
  if ((rc != 0)); then
    echo "--- last lines of the server's log" >&2
    tail -n 40 "$work/app.log" >&2
  fi
  rm -rf "$work"
}
pg_port() { sed -n 4p "$data/postgres/postmaster.pid"; }
# CPU clock ticks (user + system) used so far by the server's JVM ($APP_PID, or the pid given), and by its embedded PostgreSQL (the postmaster and
# its backends; a backend that exited meanwhile is not counted, the pool's connections live on)
jvm_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/${1:-$APP_PID}/stat"; }
pg_ticks() {
  local postmaster
  postmaster=$(head -1 "$data/postgres/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null || true # it may just have exited
  done | awk '{s += $1} END {print s + 0}'
}
# us_per TICKS COUNT: microseconds of CPU per unit of work
us_per() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (n > 0) ? t / hz * 1e6 / n : 0}'; }
# split_spec SPEC: splits one word "[JVM options] JAR [application arguments]" into $spec_opts, $spec_jar and
# $spec_args, so settings compare without a rebuild ('-Xmx384m app.jar', 'app.jar --some.property=value')
split_spec() {
  local word
  spec_opts='' spec_jar='' spec_args=''
  for word in $1; do
    if [[ -n $spec_jar ]]; then spec_args+="$word "; elif [[ $word == *.jar ]]; then spec_jar=$word; else spec_opts+="$word "; fi
  done
}
# start_spec SPEC PORT DATA_DIR LOG: start_app for one such word
start_spec() {
  split_spec "$1"
  [[ -f $spec_jar ]] || die "no jar at $spec_jar"
  # shellcheck disable=SC2086 # the arguments are words
  JVM_OPTS="${JVM_OPTS:-} $spec_opts" start_app "$spec_jar" "$2" "$3" "$4" $spec_args
}
sql() { psql -qAtX -h localhost -p "$(pg_port)" -U postgres -d traveler -v ON_ERROR_STOP=1 "$@"; }
post() { curl -fsS -H 'Content-Type: application/json' "${@:3}" -d "$2" "$1"; }

# sign_up_factory NAME: a new FACTORY organization through the API; defines $token, $auth and $org (its id).
sign_up_factory() {
  local email="bench-$(date +%s%N)@example.com" password="bench-password-$RANDOM-$RANDOM"
  post "$base/api/auth/signup" "$(jq -nc --arg n "$1" --arg e "$email" --arg p "$password" \
    '{organization_name: $n, organization_kind: "FACTORY", name: "Bench administrator", email: $e, password: $p}')" >/dev/null
  token=$(post "$base/api/auth/token" "$(jq -nc --arg e "$email" --arg p "$password" '{email: $e, password: $p}')" | jq -r .access_token)
  auth="Authorization: Bearer $token"
  org=$(curl -fsS -H "$auth" "$base/api/me" | jq -r '.organization_id // .org_id // .organization.id')
}
