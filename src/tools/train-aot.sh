#!/usr/bin/env bash
# Trains the JDK 25 AOT cache on one real start-up: bash src/tools/train-aot.sh
#
# `./mvnw package -Paot` writes target/quarkus-app/app.aot from Quarkus's static initialisation alone. This starts the
# packaged app once against an empty scratch PostgreSQL database (migrations, Hibernate, the forms, every start-up
# observer), waits until it is up, opens one form page and stops it; the JVM then writes the cache of everything that
# run loaded and linked, with its method profiles, over target/quarkus-app/app.aot. Run it on the machine and JDK that
# will run the app, after every build.
#
# TRAIN_JDBC_URL (default jdbc:postgresql://127.0.0.1:5432/leadgate_aot_training), TRAIN_DB_USER and
# TRAIN_DB_PASSWORD (leadgate / leadgate): the scratch database, without URL parameters. It must have no tables (the
# script checks with psql) because the run migrates it and writes to it: drop and create it before each run. TRAIN_FORMS_DIR (forms) and TRAIN_FORM (the
# first form file's name): the forms it loads and the page it opens; export the LEADGATE_SECRET_... their webhooks
# name, as in production, so that they load as they will there. The app's environment holds only those and its own
# throwaway settings; it listens on 127.0.0.1 only and delivers nothing. TRAIN_JAVA_OPTS: the heap and collector options
# production runs with (the cache must be used with the same object headers it was trained with).
set -euo pipefail
cd "$(dirname "$0")/../.."
APP_DIR=target/quarkus-app
LOG=target/aot-training.log
PORT=${TRAIN_PORT:-18480}
FORMS=${TRAIN_FORMS_DIR:-forms}
URL=${TRAIN_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/leadgate_aot_training}
USER_NAME=${TRAIN_DB_USER:-leadgate} PASSWORD=${TRAIN_DB_PASSWORD:-leadgate}
read -r -a OPTS <<<"${TRAIN_JAVA_OPTS:--XX:+UseSerialGC -XX:+UseCompactObjectHeaders -Xmx96m -XX:MetaspaceSize=96m}"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
fail() { echo "train-aot: $*; $APP_DIR/app.aot is unchanged" >&2; exit 1; }

[[ -f $APP_DIR/quarkus-run.jar ]] || fail "build first (./mvnw package -Paot)"
"$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -qw AOTCacheOutput || fail "$JAVA is not a JDK 25 or newer; set JAVA_HOME"
[[ -d $FORMS ]] || fail "no forms folder $FORMS (TRAIN_FORMS_DIR)"
FORM=${TRAIN_FORM:-$(find "$FORMS" -maxdepth 1 \( -name '*.yaml' -o -name '*.yml' \) -printf '%f\n' | sort | head -1 | sed 's/\.ya\?ml$//')}
command -v psql >/dev/null && command -v curl >/dev/null || fail "psql and curl are needed"
[[ $URL != *\?* ]] || fail "give TRAIN_JDBC_URL without parameters (psql checks the same database the app opens)"
# Without the caller's PG* variables and ~/.psqlrc, so that psql looks at exactly the database the JDBC URL names.
tables=$(env -i PATH="$PATH" PGPASSWORD="$PASSWORD" psql -X "${URL#jdbc:}" -U "$USER_NAME" -tAq -c "SELECT count(*)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%'") || fail "cannot reach the scratch database $URL"
[[ $tables == 0 ]] || fail "$URL has tables; give it an empty scratch database (drop and create it before each run), never production's"
curl -s -m 5 -o /dev/null "http://127.0.0.1:$PORT/" && fail "port $PORT is taken (TRAIN_PORT)"

# Only the form secrets reach the app, so that no production setting (mail, delivery, database) applies to this run.
secrets=()
while IFS= read -r -d '' pair; do
  [[ $pair == LEADGATE_SECRET_* || $pair == LEADGATE_FORMS_ALLOW_INSECURE_URLS=* ]] && secrets+=("$pair")
done < <(env -0)
rm -f "$APP_DIR/app.aot.new"
setsid env -i PATH="$PATH" LC_ALL=C.UTF-8 "${secrets[@]}" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="$URL" QUARKUS_DATASOURCE_USERNAME="$USER_NAME" QUARKUS_DATASOURCE_PASSWORD="$PASSWORD" \
  QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=1 LEADGATE_DELIVERY_MODE=capture \
  LEADGATE_PUBLIC_URL="http://127.0.0.1:$PORT" LEADGATE_FORMS_DIR="$FORMS" LEADGATE_ALLOW_INSECURE_SETUP=true \
  LEADGATE_ACCESS_ADMIN_PASSWORD="aot-training-$RANDOM$RANDOM" \
  LEADGATE_NURTURE_POSTAL_ADDRESS="AOT training run, nothing is sent" \
  "$JAVA" -XX:AOTCacheOutput="$APP_DIR/app.aot.new" "${OPTS[@]}" -jar "$APP_DIR/quarkus-run.jar" >"$LOG" 2>&1 &
pid=$!
# The JVM and the one it starts to write the cache form their own process group (setsid): a failure stops both.
trap 'kill -KILL -- -"$pid" 2>/dev/null || true; rm -f "$APP_DIR/app.aot.new" "$APP_DIR/app.aot.new.config"' EXIT
up=0
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || break
  # Up rather than ready: a form whose webhook secrets this run lacks is broken here, and that is fine. Its own log
  # line first, so that another server taking the port meanwhile is not mistaken for it.
  if grep -q "Listening on: http://127.0.0.1:$PORT" "$LOG" && curl -sf -m 5 -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; then
    up=1
    break
  fi
  sleep 0.1
done
((up)) && kill -0 "$pid" 2>/dev/null || fail "the app did not start; see $LOG"
if [[ -n $FORM ]] && ! curl -sf -m 30 -o /dev/null "http://127.0.0.1:$PORT/f/$FORM"; then
  echo "train-aot: the form page /f/$FORM did not load (a broken form?); training on start-up alone" >&2
fi
kill -TERM "$pid"
# The JVM writes the cache while it exits: about 10 s on two cores; give it two minutes.
for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "the app did not exit within two minutes; see $LOG"
grep -q "AOTCache creation is complete" "$LOG" && [[ -s $APP_DIR/app.aot.new ]] || fail "the JVM wrote no cache; see $LOG"
mv "$APP_DIR/app.aot.new" "$APP_DIR/app.aot"
trap - EXIT
echo "train-aot: wrote $APP_DIR/app.aot ($(du -m "$APP_DIR/app.aot" | cut -f1) MB) from one start-up; run it with -XX:AOTCache=$APP_DIR/app.aot ${OPTS[*]}"
