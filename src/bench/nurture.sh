#!/usr/bin/env bash
# Nurture sending alone: bash src/bench/nurture.sh [COUNT]
# Builds the app (BENCH_SKIP_BUILD=1 reuses the jar), enrols COUNT leads (100,000 by default) due at once, and measures
# emails/s from the insert until the SMTP sink has logged them all, with the CPU seconds of the app, the sink and
# PostgreSQL over that time, and when the last step had been queued in the outbox (checked once a second). Writes target/bench-nurture/{numbers.env,app.log,sink.log,emails.log}.
# NURTURE_JFR=1 records a flight recording of the app to target/bench-nurture/app.jfr.
source "$(dirname "$0")/common.sh"
OUT="$ROOT/target/bench-nurture"
DB=leadgate_bench_nurture
APP_PORT=18180 HTTP_PORT=18190 SMTP_PORT=18125
COUNT=${1:-100000}
begin_run
sink_pid=${pids[-1]}
touch "$OUT/emails.log"

opts="$LEADGATE_JAVA_OPTS"
[[ "${NURTURE_JFR:-}" == "1" ]] && opts="$opts -XX:StartFlightRecording=filename=$OUT/app.jfr,settings=profile"
JAVA_OPTS="$opts" APP=$(start_app "$APP_PORT" "$OUT/app.log")
pids+=("$APP")
wait_ready "$APP_PORT"
sleep 3

cpu_s() { ps -o times= -p "$1" | tr -d ' '; }
pg_cpu_s() {
  local total=0
  for pid in $(pgrep -u postgres postgres); do total=$((total + $(ps -o times= -p "$pid" | tr -d ' ' || echo 0))); done
  echo "$total"
}

echo "bench: nurture, $COUNT due steps"
sql "INSERT INTO lead (public_id, email, email_key, name, form_id, score, verdict, created_at, updated_at)
     SELECT 'nurture-' || i, 'nurture-' || i || '@bench.example', 'nurture-' || i || '@bench.example', 'Nurture Lead', 'bench', 50,
            'nurture', now(), now() FROM generate_series(1, $COUNT) i;
     INSERT INTO nurture_enrolment (lead_id, form_id, sequence_id, language, next_step, next_due_at, status, enrolled_at)
     SELECT id, 'bench', 'bench-nurture', 'en', 0, now(), 'ACTIVE', now() FROM lead WHERE public_id LIKE 'nurture-%';"
app_cpu0=$(cpu_s "$APP") sink_cpu0=$(cpu_s "$sink_pid") pg_cpu0=$(pg_cpu_s)
started=$(date +%s%N)
sent=0 queued_ms=
for i in $(seq 1 3600); do
  sent=$(wc -l <"$OUT/emails.log")
  ((sent >= COUNT)) && break
  if [[ -z "$queued_ms" ]] && ((i % 5 == 0)) && [[ "$(sql "SELECT count(*) FROM nurture_enrolment WHERE status = 'ACTIVE'")" == "0" ]]; then
    queued_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  fi
  sleep 0.2
done
ms=$(( ($(date +%s%N) - started) / 1000000 ))
app_cpu=$(( $(cpu_s "$APP") - app_cpu0 )) sink_cpu=$(( $(cpu_s "$sink_pid") - sink_cpu0 )) pg_cpu=$(( $(pg_cpu_s) - pg_cpu0 ))
[[ "${NURTURE_JFR:-}" == "1" ]] && jcmd "$APP" JFR.dump filename="$OUT/app.jfr" >/dev/null

cat >"$OUT/numbers.env" <<ENV
nurture_sent=$sent
nurture_ms=$ms
emails_per_second=$(( sent * 1000 / (ms > 0 ? ms : 1) ))
all_queued_in_outbox_ms=${queued_ms:-$ms}
distinct_message_ids=$(awk '{print $2}' "$OUT/emails.log" | sort -u | wc -l)
cpu_seconds_app=$app_cpu
cpu_seconds_sink=$sink_cpu
cpu_seconds_postgres=$pg_cpu
outbox=$(sql "SELECT string_agg(status || '=' || n, ' ') FROM (SELECT status, count(*) n FROM outbox_message GROUP BY status) s")
smtp_connections=$(grep -c '^smtp connection' "$OUT/sink.log" || true)
ENV
cat "$OUT/numbers.env"
