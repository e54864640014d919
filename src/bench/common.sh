# Shared by the benchmark and the production proof: tools, JDK, database, ports, and starting the app.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v pgbench >/dev/null 2>&1 || need+=(postgresql)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  echo "bench: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  nginx -s stop 2>/dev/null || true
fi
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME}/bin/javac" ]] || ! "${JAVA_HOME}/bin/javac" --release 21 -version >/dev/null 2>&1; then
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [[ -x "$jdk/bin/javac" ]]; then export JAVA_HOME="$jdk"; break; fi
  done
fi
export PATH="$JAVA_HOME/bin:$PATH"

PG_VERSION=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1}')
pg_ctlcluster "$PG_VERSION" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
psql_admin() { runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 "$@"; }
# A database in production runs autovacuum; this machine's PostgreSQL has it off (its CI configuration), and without
# it the outbox and the enrolments keep every dead row a run leaves behind and are never analysed: 100,000 nurture
# steps then slowed to a crawl on plans made for empty tables. On for the run; restore_postgres puts it back.
AUTOVACUUM_WAS=$(psql_admin -tAc "SHOW autovacuum")
if [[ "$AUTOVACUUM_WAS" == "off" ]]; then
  psql_admin -c "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >/dev/null
fi
restore_postgres() {
  if [[ "$AUTOVACUUM_WAS" == "off" ]]; then
    # The proof restarts PostgreSQL: wait for it, and say so if the setting could not be put back.
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    psql_admin -c "ALTER SYSTEM RESET autovacuum" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 \
      || echo "bench: could not switch autovacuum back off; run ALTER SYSTEM RESET autovacuum as postgres" >&2
  fi
}
psql_admin -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'leadgate') THEN
  CREATE ROLE leadgate LOGIN PASSWORD 'leadgate' CREATEDB; END IF; END \$\$;"

fresh_database() {
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER leadgate"
}
sql() { PGPASSWORD=leadgate psql -h 127.0.0.1 -U leadgate -d "$DB" -tAq -c "$1"; }

# The JVM options the README gives operators: the AOT cache that `-Paot` builds (JDK 25; a missing or stale cache only
# prints a warning), the serial collector (2 cores: no concurrent GC threads competing with requests), compact object
# headers (JDK 25; the cache is trained with them), a heap of about twice the live set measured during the spike (40 to
# 45 MB after a full collection), metaspace that does not trigger full collections during start-up, and native memory
# the JVM frees back to the system every 2 s, and code-cache collections (full ones with this collector) only after
# half the code cache was compiled anew. JAVA_OPTS replaces them; MALLOC_ARENA_MAX=2 (in start_app, with any
# options) keeps glibc from giving each of a hundred threads its own arena.
LEADGATE_JAVA_OPTS="-XX:AOTCache=target/quarkus-app/app.aot -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -Xmx96m -XX:MetaspaceSize=96m -XX:TrimNativeHeapInterval=2000 -XX:SweeperThreshold=50"

build() {
  if [[ "${BENCH_SKIP_BUILD:-}" != "1" || ! -f target/quarkus-app/quarkus-run.jar ]]; then
    echo "bench: building the application (with its AOT cache)"
    ./mvnw -q -B package -DskipTests -Paot
    echo "bench: training the AOT cache on one start-up (src/tools/train-aot.sh)"
    fresh_database leadgate_aot_training
    LEADGATE_SECRET_BENCH_RECEIVER=http://127.0.0.1:9 LEADGATE_SECRET_BENCH_WEBHOOK=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \
      LEADGATE_FORMS_ALLOW_INSECURE_URLS=true TRAIN_FORMS_DIR=src/bench/forms \
      TRAIN_JAVA_OPTS="${LEADGATE_JAVA_OPTS#*app.aot }" bash src/tools/train-aot.sh
  fi
}

# start_app PORT LOGFILE: the packaged app against $DB, mail to $SMTP_PORT, webhooks to $HTTP_PORT.
start_app() {
  env QUARKUS_HTTP_PORT="$1" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=leadgate QUARKUS_DATASOURCE_PASSWORD=leadgate \
    QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT="$SMTP_PORT" QUARKUS_MAILER_START_TLS=DISABLED \
    QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=bench-only-session-key-not-for-production \
    LEADGATE_PUBLIC_URL="http://127.0.0.1:$1" LEADGATE_FORMS_DIR="$OUT/forms" LEADGATE_FORMS_ALLOW_INSECURE_URLS=true \
    LEADGATE_DELIVERY_ALLOW_PRIVATE_ADDRESSES=true LEADGATE_WEB_SUBMISSIONS_PER_IP=1000000000 LEADGATE_WEB_SUBMISSIONS_PER_EMAIL=1000000000 \
    LEADGATE_WEB_TOKEN_SECRET=bench-only-form-token-secret LEADGATE_NURTURE_SECRET=bench-only-nurture-secret-value \
    LEADGATE_NURTURE_POSTAL_ADDRESS="Bench Inc., 1 Loopback Lane, Localhost" LEADGATE_ACCESS_ADMIN_PASSWORD=bench-admin-password \
    LEADGATE_ALLOW_INSECURE_SETUP=true \
    LEADGATE_SECRET_BENCH_RECEIVER="http://127.0.0.1:$HTTP_PORT" LEADGATE_SECRET_BENCH_WEBHOOK=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \
    MALLOC_ARENA_MAX=2 ${APP_ENV:-} java ${JAVA_OPTS:-$LEADGATE_JAVA_OPTS} -jar target/quarkus-app/quarkus-run.jar >"$2" 2>&1 &
  echo $!
}

wait_ready() {
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0
    sleep 0.1
  done
  echo "bench: the app on port $1 did not become ready" >&2
  return 1
}

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

wait_drained() {
  for _ in $(seq 1 "${2:-600}"); do
    [[ "$(sql "SELECT count(*) FROM outbox_message WHERE status = 'PENDING'")" == "0" ]] && return 0
    sleep 1
  done
  echo "bench: the outbox did not drain within ${2:-600} s ($1)" >&2
}

prepare_forms() {
  rm -rf "$OUT/forms" && mkdir -p "$OUT/forms"
  cp -r src/bench/forms/. "$OUT/forms/"
}

# start_nginx WORKERS SERVERS: nginx under $OUT/nginx with the given worker count and http-level server blocks.
start_nginx() {
  mkdir -p "$OUT/nginx"
  cat >"$OUT/nginx/nginx.conf" <<NGINX
worker_processes $1;
worker_rlimit_nofile 20000;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx; proxy_temp_path $OUT/nginx; fastcgi_temp_path $OUT/nginx; uwsgi_temp_path $OUT/nginx; scgi_temp_path $OUT/nginx;
  $2
}
NGINX
  nginx -p "$OUT/nginx" -c nginx.conf
}

stop_nginx() { nginx -p "$OUT/nginx" -c nginx.conf -s stop 2>/dev/null || true; }

# cpu_ticks PID...: the user and system clock ticks those processes have used so far (getconf CLK_TCK per second).
cpu_ticks() {
  local ticks=0 pid
  for pid in "$@"; do [[ -r /proc/$pid/stat ]] && ticks=$((ticks + $(awk '{print $14 + $15}' /proc/"$pid"/stat))); done
  echo "$ticks"
}

# postgres_ticks: the clock ticks the local PostgreSQL has used so far: its processes now, and those that have ended
# (the postmaster's children's time), so that connections opened and closed within a measurement (pgbench's) count.
postgres_ticks() {
  local master ticks
  master=$(pgrep -o -u postgres -x postgres)
  ticks=$(cpu_ticks $(pgrep -u postgres -x postgres | tr '\n' ' '))
  echo $((ticks + $(awk '{print $16 + $17}' /proc/"$master"/stat)))
}

# start_sink [ARGS...]: the loopback webhook receiver and SMTP sink on $HTTP_PORT and $SMTP_PORT; its pid joins $pids.
# They run from source on the JDK (C1 only and a small serial heap: they must cost the two shared cores little).
start_sink() {
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m src/bench/Sink.java --http "$HTTP_PORT" --smtp "$SMTP_PORT" "$@" \
    --out "$OUT" >"$OUT/sink.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q '^sink ready' "$OUT/sink.log" 2>/dev/null && return 0; sleep 0.1; done
  echo "bench: the sink did not start (see $OUT/sink.log)" >&2
  return 1
}

# begin_run: a fresh $OUT, the app built, a fresh database $DB with the bench forms, and the sink started; whatever
# joins $pids (and nginx) is stopped when the script ends.
begin_run() {
  rm -rf "$OUT" && mkdir -p "$OUT/static" "$OUT/nginx"
  pids=()
  trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_nginx; restore_postgres' EXIT
  build
  fresh_database "$DB"
  prepare_forms
  start_sink
}
