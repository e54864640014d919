#!/usr/bin/env bash
# The benchmark, in one command: bash src/bench/run.sh
# Builds the app, starts it on PostgreSQL with a loopback webhook receiver and SMTP sink, measures it side by side
# with nginx and pgbench, sends a spike of 5,000 submissions in 10 seconds, and writes
# target/bench/{report.txt,results.json,latency.svg}. About 12 minutes. BENCH_SKIP=form,submissions,spike,nurture
# leaves parts out while working on the others (the report then shows those rows as not measured).
source "$(dirname "$0")/common.sh"
OUT="$ROOT/target/bench"
DB=leadgate_bench
APP_PORT=18080 NGINX_PORT=18081 HTTP_PORT=18090 SMTP_PORT=18025
DURATION=${BENCH_DURATION:-15}
SKIP=",${BENCH_SKIP:-},"
begin_run

echo "bench: starting Leadgate (java $LEADGATE_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar)"
started=$(date +%s%N)
APP=$(start_app "$APP_PORT" "$OUT/app.log")
pids+=("$APP")
wait_ready "$APP_PORT"
startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
startup_cpu_ms=$(awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$APP/stat")
sleep 3
rss_idle=$(rss_kb "$APP")
# Peak RSS under the benchmark's load: sampled from here to the end of the nurture run.
( peak=0; while kill -0 "$APP" 2>/dev/null; do r=$(rss_kb "$APP"); ((r > peak)) && peak=$r && echo "$peak" >"$OUT/rss-load.txt"; sleep 0.5; done ) &
sampler=$!
pids+=("$sampler")

# Form page: the same bytes from Leadgate and from nginx.
if [[ "$SKIP" != *,form,* ]]; then
curl -sf "http://127.0.0.1:$APP_PORT/f/bench" >"$OUT/static/form.html"
start_nginx auto "server { listen 127.0.0.1:$NGINX_PORT; root $OUT/static; default_type text/html; }"
echo "bench: form page"
wrk -t1 -c32 -d5s "http://127.0.0.1:$APP_PORT/f/bench" >/dev/null
wrk -t1 -c32 -d5s "http://127.0.0.1:$NGINX_PORT/form.html" >/dev/null
wrk -t1 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$NGINX_PORT/form.html" >"$OUT/wrk-form-nginx.txt"
wrk -t1 -c32 -d"${DURATION}s" --latency "http://127.0.0.1:$APP_PORT/f/bench" >"$OUT/wrk-form-app.txt"
stop_nginx
fi

# Submissions: the most Leadgate accepts, then the same inserts through pgbench, then latency at fixed loads.
if [[ "$SKIP" != *,submissions,* ]]; then
echo "bench: submissions"
# Warm-up long enough for the JIT to settle: on two cores C2 still compiled the submission path (Hibernate, Vert.x,
# RESTEasy, Qute) a minute into the load, and a 5 s warm-up measured half the steady rate. A service runs warm.
wrk -t2 -c16 -d"${BENCH_WARMUP:-60}s" -s src/bench/submit.lua "http://127.0.0.1:$APP_PORT" -- warm 0 0 >/dev/null
wait_drained "warm-up"
# CPU per submission at the maximum, of Leadgate, PostgreSQL and the sink, and of PostgreSQL per pgbench transaction:
# steadier than the rates on a machine whose speed changes from minute to minute, and it says where the time goes.
sink_pid=$(pgrep -f 'src/bench/Sink.java' | head -1)
committed_before=$(sql "SELECT count(*) FROM submission")
app_ticks=$(cpu_ticks "$APP") pg_ticks=$(postgres_ticks) sink_ticks=$(cpu_ticks "$sink_pid")
wrk -t2 -c16 -d"${DURATION}s" --latency -s src/bench/submit.lua "http://127.0.0.1:$APP_PORT" -- max 0 0 >"$OUT/wrk-submit-max.txt"
max_app_ticks=$(( $(cpu_ticks "$APP") - app_ticks )) max_pg_ticks=$(( $(postgres_ticks) - pg_ticks ))
max_sink_ticks=$(( $(cpu_ticks "$sink_pid") - sink_ticks ))
max_committed=$(( $(sql "SELECT count(*) FROM submission") - committed_before ))
wait_drained "after the peak run"
pg_ticks=$(postgres_ticks)
PGPASSWORD=leadgate pgbench -h 127.0.0.1 -U leadgate -n -c 16 -j 2 -T "$DURATION" -f src/bench/insert.sql "$DB" >"$OUT/pgbench.txt" 2>&1
pgbench_pg_ticks=$(( $(postgres_ticks) - pg_ticks ))
max_rps=$(awk '/Requests\/sec/ {print int($2)}' "$OUT/wrk-submit-max.txt")
for share in 10 25 50 75; do
  rate=$(( max_rps * share / 100 )); ((rate < 1)) && rate=1
  pause=$(( 8 * 1000 / rate ))
  wrk -t2 -c8 -d"${DURATION}s" --latency -s src/bench/submit.lua "http://127.0.0.1:$APP_PORT" -- "load$share" 0 "$pause" "$OUT/accepted-$share" \
    >"$OUT/wrk-submit-$share.txt"
  wait_drained "after the $share % run"
done
cat "$OUT"/accepted-50.* >"$OUT/accepted-50.txt" 2>/dev/null || true
fi

# Spike: 5,000 submissions arriving evenly within 10 seconds (an open loop: they arrive whether or not earlier ones
# were answered), then 200 more over the next 10 seconds; speed to lead of each phase from the receiver's log.
if [[ "$SKIP" != *,spike,* ]]; then
echo "bench: spike, ${SPIKE_COUNT:-5000} submissions in ${SPIKE_SECONDS:-10} s"
python3 src/bench/spike.py "http://127.0.0.1:$APP_PORT" --count "${SPIKE_COUNT:-5000}" --seconds "${SPIKE_SECONDS:-10}" \
  --after-count 200 --after-seconds 10 --out "$OUT" | tee "$OUT/spike.txt"
wait_drained "after the spike"
fi

# Nurture: 100,000 enrolments due at once, sent to the SMTP sink.
sent=0 nurture_ms=0
if [[ "$SKIP" != *,nurture,* ]]; then
echo "bench: nurture, 100,000 due steps"
before=$(wc -l <"$OUT/emails.log")
sql "INSERT INTO lead (public_id, email, email_key, name, form_id, score, verdict, created_at, updated_at)
     SELECT 'nurture-' || i, 'nurture-' || i || '@bench.example', 'nurture-' || i || '@bench.example', 'Nurture Lead', 'bench', 50,
            'nurture', now(), now() FROM generate_series(1, 100000) i;
     INSERT INTO nurture_enrolment (lead_id, form_id, sequence_id, language, next_step, next_due_at, status, enrolled_at)
     SELECT id, 'bench', 'bench-nurture', 'en', 0, now(), 'ACTIVE', now() FROM lead WHERE public_id LIKE 'nurture-%';"
nurture_start=$(date +%s%N)
for _ in $(seq 1 900); do
  sent=$(( $(wc -l <"$OUT/emails.log") - before ))
  ((sent >= 100000)) && break
  sleep 1
done
nurture_ms=$(( ($(date +%s%N) - nurture_start) / 1000000 ))
fi
rss_after=$(rss_kb "$APP")
kill "$sampler" 2>/dev/null || true

cat >"$OUT/numbers.env" <<ENV
startup_ms=$startup_ms
startup_cpu_ms=$startup_cpu_ms
java_opts=$LEADGATE_JAVA_OPTS
rss_idle_kb=$rss_idle
rss_load_kb=$(cat "$OUT/rss-load.txt" 2>/dev/null || echo 0)
rss_after_nurture_kb=$rss_after
nurture_sent=$sent
nurture_ms=$nurture_ms
submission_errors=$(sql "SELECT count(*) FROM outbox_message WHERE status = 'FAILED'")
leads_without_rows=$(sql "SELECT count(*) FROM lead l WHERE l.public_id NOT LIKE 'nurture-%' AND l.email NOT LIKE 'pg-%' AND (NOT EXISTS (SELECT 1 FROM submission s WHERE s.lead_id = l.id) OR NOT EXISTS (SELECT 1 FROM outbox_message m WHERE m.subject_ref = l.public_id))")
cpu_cores=$(nproc)
clock_ticks=$(getconf CLK_TCK)
max_committed=${max_committed:-0}
max_app_ticks=${max_app_ticks:-0}
max_pg_ticks=${max_pg_ticks:-0}
max_sink_ticks=${max_sink_ticks:-0}
pgbench_pg_ticks=${pgbench_pg_ticks:-0}
ENV
python3 src/bench/report.py "$OUT"
