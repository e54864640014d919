#!/usr/bin/env bash
# Trains the JDK 25 AOT cache on one real start-up: bash src/tools/train-aot.sh
#
# `./mvnw package -Paot` writes target/quarkus-app/app.aot from Quarkus's static initialisation alone. This starts the
# packaged app once against a scratch PostgreSQL database (migrations, Hibernate, the forms, every start-up observer),
# waits until it is up, opens one form page and stops it; the JVM then writes the cache of everything that run
# loaded and linked, with its method profiles, over target/quarkus-app/app.aot. Run it on the machine and JDK that
# will run the app, after every build.
#
# TRAIN_JDBC_URL (default jdbc:postgresql://127.0.0.1:5432/leadgate_aot_training), TRAIN_DB_USER and
# TRAIN_DB_PASSWORD (leadgate / leadgate): the scratch database. It is migrated and written to (the first
# administrator, form versions), so never give it production's. TRAIN_FORMS_DIR (forms) and TRAIN_FORM (the first
# form file's name): the forms it loads and the page it opens; export the LEADGATE_SECRET_... their webhooks name, as
# in production, so that they load as they will there (nothing is delivered: this run only captures). TRAIN_JAVA_OPTS: the heap and collector options production runs with
# (the cache must be used with the same object headers it was trained with).
set -euo pipefail
cd "$(dirname "$0")/../.."
APP_DIR=target/quarkus-app
PORT=${TRAIN_PORT:-18480}
FORMS=${TRAIN_FORMS_DIR:-forms}
FORM=${TRAIN_FORM:-$(find "$FORMS" -maxdepth 1 -name '*.yaml' -printf '%f\n' 2>/dev/null | sort | head -1 | sed 's/\.yaml$//')}
OPTS=${TRAIN_JAVA_OPTS:--XX:+UseSerialGC -XX:+UseCompactObjectHeaders -Xmx96m -XX:MetaspaceSize=96m}
LOG=$APP_DIR/aot-training.log
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[[ -f $APP_DIR/quarkus-run.jar ]] || { echo "train-aot: build first (./mvnw package -Paot)" >&2; exit 1; }
"$JAVA" -XX:AOTCacheOutput=/dev/null -version >/dev/null 2>&1 || { echo "train-aot: $JAVA is not a JDK 25 or newer; set JAVA_HOME" >&2; exit 1; }

rm -f "$APP_DIR/app.aot.new"
# A throwaway configuration: nothing is sent (delivery captured, mail to a closed port), secrets are for this run only.
env QUARKUS_HTTP_PORT="$PORT" \
  QUARKUS_DATASOURCE_JDBC_URL="${TRAIN_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/leadgate_aot_training}" \
  QUARKUS_DATASOURCE_USERNAME="${TRAIN_DB_USER:-leadgate}" QUARKUS_DATASOURCE_PASSWORD="${TRAIN_DB_PASSWORD:-leadgate}" \
  QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=1 LEADGATE_DELIVERY_MODE=capture \
  LEADGATE_PUBLIC_URL="http://127.0.0.1:$PORT" LEADGATE_FORMS_DIR="$FORMS" LEADGATE_ALLOW_INSECURE_SETUP=true \
  LEADGATE_ACCESS_ADMIN_PASSWORD="aot-training-$RANDOM$RANDOM" \
  LEADGATE_NURTURE_POSTAL_ADDRESS="${LEADGATE_NURTURE_POSTAL_ADDRESS:-AOT training run, nothing is sent}" \
  "$JAVA" -XX:AOTCacheOutput="$APP_DIR/app.aot.new" $OPTS -jar "$APP_DIR/quarkus-run.jar" >"$LOG" 2>&1 &
pid=$!
ready=0
for _ in $(seq 1 600); do
  # Live rather than ready: a form whose webhook secrets this run lacks is broken here, and that is fine.
  if curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if ((ready)); then
  [[ -n "$FORM" ]] && curl -sf -o /dev/null "http://127.0.0.1:$PORT/f/$FORM" || true
fi
kill -TERM "$pid" 2>/dev/null || true
# The JVM writes the cache while it exits (a minute at most on two cores).
wait "$pid" || true
if ((!ready)) || [[ ! -s "$APP_DIR/app.aot.new" ]]; then
  echo "train-aot: the training run failed, $APP_DIR/app.aot is unchanged; see $LOG" >&2
  rm -f "$APP_DIR/app.aot.new"
  exit 1
fi
mv "$APP_DIR/app.aot.new" "$APP_DIR/app.aot"
echo "train-aot: wrote $APP_DIR/app.aot ($(du -m "$APP_DIR/app.aot" | cut -f1) MB) from one start-up; run with -XX:AOTCache=$APP_DIR/app.aot $OPTS"
