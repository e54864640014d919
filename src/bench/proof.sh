#!/usr/bin/env bash
# The production proof, in one command: bash src/bench/proof.sh
# Two instances on one database behind nginx take 10,000 submissions while one instance is killed with -9 and
# restarted, PostgreSQL is restarted, and the webhook receiver fails 30 % of requests; then a spike of 5,000
# submissions arrives within 10 seconds (src/bench/spike.py, an open loop). Then it checks that every
# accepted lead reached the receiver and its sales email was sent, that no message was worked twice at the same
# time, and that no lead is half-written. Writes target/proof/proof.json; exits non-zero if anything was lost.
source "$(dirname "$0")/common.sh"
OUT="$ROOT/target/proof"
DB=leadgate_proof
A_PORT=18180 B_PORT=18181 LB_PORT=18182 HTTP_PORT=18190 SMTP_PORT=18125
TOTAL=${PROOF_SUBMISSIONS:-10000}
rm -rf "$OUT" && mkdir -p "$OUT/nginx"
pids=()
cleanup() { for pid in "${pids[@]}" ${A:-} ${B:-}; do kill "$pid" 2>/dev/null || true; done
            stop_nginx; pg_ctlcluster "$PG_VERSION" main start 2>/dev/null || true; restore_postgres; }
trap cleanup EXIT

build
fresh_database "$DB"
prepare_forms
start_sink --fail 0.3
# Retries close together, so that a 30 % failing receiver is caught up within the run, and a short lease, so that
# the killed instance's claims pass to the other one quickly.
export APP_ENV="LEADGATE_DELIVERY_RETRY_SCHEDULE=0s,1s,2s,2s,3s,3s,5s,5s,10s,10s,20s,30s LEADGATE_DELIVERY_JITTER=0.2 LEADGATE_DELIVERY_LEASE=20s"
A=$(start_app "$A_PORT" "$OUT/app-a.log"); wait_ready "$A_PORT"
B=$(start_app "$B_PORT" "$OUT/app-b.log"); wait_ready "$B_PORT"
start_nginx 1 "upstream leadgate { server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=2s; server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=2s; }
  server { listen 127.0.0.1:$LB_PORT; location / { proxy_pass http://leadgate; proxy_next_upstream error; proxy_connect_timeout 1s; } }"

echo "proof: $TOTAL submissions through two instances"
per_thread=$(( TOTAL / 2 ))
wrk -t2 -c16 -d600s -s src/bench/submit.lua "http://127.0.0.1:$LB_PORT" -- proof "$per_thread" 0 "$OUT/accepted" >"$OUT/wrk.txt" &
load=$!
sleep 5
echo "proof: kill -9 instance A"
kill -9 "$A"
sleep 1
A=$(start_app "$A_PORT" "$OUT/app-a2.log"); wait_ready "$A_PORT"
echo "proof: instance A is back"
sleep 1
echo "proof: restart PostgreSQL"
down_started=$(date +%s%N)
pg_ctlcluster "$PG_VERSION" main stop -m fast
sleep 4
# While the database is down the API must refuse with 503, never accept.
during=$(curl -s -o /dev/null -w "%{http_code}" -H "Content-Type: application/json" \
  -d '{"answers":{"fit":"yes","email":"during-outage@bench.example"}}' "http://127.0.0.1:$B_PORT/api/forms/bench/submissions")
pg_ctlcluster "$PG_VERSION" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
down_ms=$(( ($(date +%s%N) - down_started) / 1000000 ))
echo "proof: PostgreSQL is back after $down_ms ms (a submission meanwhile got $during)"
# wrk stops sending once each thread has its share of answers; end it then rather than at its time limit.
last=-1
while kill -0 "$load" 2>/dev/null; do
  now=$(cat "$OUT"/accepted.* 2>/dev/null | wc -l)
  [[ "$now" == "$last" ]] && kill -INT "$load" 2>/dev/null && break
  last=$now
  sleep 5
done
wait "$load" || true
echo "proof: spike, ${SPIKE_COUNT:-5000} submissions in ${SPIKE_SECONDS:-10} s through both instances"
python3 src/bench/spike.py "http://127.0.0.1:$LB_PORT" --count "${SPIKE_COUNT:-5000}" --seconds "${SPIKE_SECONDS:-10}" \
  --after-count 0 --prefix proof-spike --out "$OUT" | tee "$OUT/spike.txt"
echo "proof: waiting for every message to be delivered"
wait_drained "after the proof run" 300

cat "$OUT"/accepted.* | sort -u >"$OUT/accepted.txt"
awk '$4 == 201 {print $5}' "$OUT/spike-requests.txt" | sort -u >"$OUT/accepted-spike.txt"
PGPASSWORD=leadgate psql -h 127.0.0.1 -U leadgate -d "$DB" -tAq -F ' ' >"$OUT/messages.txt" -c \
  "SELECT subject_ref, channel, message_id, status FROM outbox_message WHERE event_type = 'lead.qualified'"
PGPASSWORD=leadgate psql -h 127.0.0.1 -U leadgate -d "$DB" -tAq -F ' ' >"$OUT/overlaps.txt" -c \
  "SELECT a.message_id FROM delivery_attempt a JOIN delivery_attempt b ON a.message_id = b.message_id AND a.id < b.id
   AND b.attempted_at < a.attempted_at + a.latency_ms * interval '1 millisecond'
   AND a.attempted_at < b.attempted_at + b.latency_ms * interval '1 millisecond'"
cat >"$OUT/numbers.env" <<ENV
leads_in_db=$(sql "SELECT count(*) FROM lead")
half_written=$(sql "SELECT count(*) FROM lead l WHERE NOT EXISTS (SELECT 1 FROM submission s WHERE s.lead_id = l.id) OR (SELECT count(*) FROM outbox_message m WHERE m.subject_ref = l.public_id) < 2")
during_outage=$during
outage_ms=$down_ms
pending=$(sql "SELECT count(*) FROM outbox_message WHERE status = 'PENDING'")
failed=$(sql "SELECT count(*) FROM outbox_message WHERE status = 'FAILED'")
attempts=$(sql "SELECT count(*) FROM delivery_attempt")
ENV
python3 src/bench/proof_check.py "$OUT"
