#!/usr/bin/env bash
# The backtest benchmark, in one command: bash src/bench/backtest.sh
# Builds the app, publishes a four-question form with an ageing dimension through the API, scores one lead per answer
# combination through the live API (the templates), then seeds BENCH_LEADS leads (default 200,000) with PostgreSQL's
# generate_series from those templates: first submissions, re-qualification follow-ups, unproven repeats, the live
# engine's score snapshots and ledgers, timeline rows, delivered sales emails and a few thousand won and lost deals.
# It then runs POST /api/forms/backtest/backtests (a candidate draft against the published form) on the packaged app
# with a small fixed heap, once over BENCH_LEADS_SMALL leads (default 50,000) and once over BENCH_LEADS: the first
# backtest after start-up is timed (wall time, G1's log, RSS, CPU of the app, PostgreSQL and the rest), a second one
# is timed warm, a third is profiled with Java Flight Recorder while a full collection every two seconds measures the heap it holds. Checks
# that no row changed and that the replay of the published form agrees with what the live engine stored. Writes
# target/bench/backtest.txt and backtest.json (logs, GC logs, JFR recordings in target/bench-backtest/); exits
# non-zero if a backtest fails, changes anything, disagrees with the stored data or misses the budget below. Six
# minutes or more: before each size it waits up to BENCH_QUIET_WAIT seconds (300) for a calm machine.
source "$(dirname "$0")/common.sh"
WORK="$ROOT/target/bench-backtest"
OUT="$WORK" # prepare_forms and start_sink work under $OUT
RESULTS="$ROOT/target/bench"
DB_FULL=leadgate_backtest DB_SMALL=leadgate_backtest_small
APP_PORT=18085 HTTP_PORT=18095 SMTP_PORT=18029
LEADS=${BENCH_LEADS:-200000}
SMALL=${BENCH_LEADS_SMALL:-50000}
HEAP=${BENCH_BACKTEST_HEAP:-256m}
# The budget, for the BENCH_LEADS run on this project's 2-core machine: the first backtest's wall time, the most
# heap the backtest holds (in use right after a forced full collection during it, idle app included), and how much
# that may grow from the small run to the full one (memory in proportion to the leads would grow 4x by default).
BUDGET_SECONDS=${BENCH_BACKTEST_BUDGET_SECONDS:-60}
BUDGET_LIVE_HEAP_MB=${BENCH_BACKTEST_BUDGET_HEAP_MB:-64}
BUDGET_HEAP_GROWTH=${BENCH_BACKTEST_BUDGET_GROWTH:-1.5}
TOKEN=lg_backtest-bench-token-not-for-production-0001
FORM=backtest
((SMALL < LEADS)) || { echo "backtest: BENCH_LEADS_SMALL ($SMALL) must be below BENCH_LEADS ($LEADS)" >&2; exit 2; }

rm -rf "$WORK" && mkdir -p "$WORK/target" "$RESULTS"
rm -f "$RESULTS/backtest.txt" "$RESULTS/backtest.json"
pids=()
APP=
stop_app() { if [[ -n "$APP" ]]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=; fi; }
cleanup() { stop_app; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; restore_postgres; }
trap cleanup EXIT
for port in "$APP_PORT" "$HTTP_PORT" "$SMTP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "backtest: port $port is in use" >&2; exit 2; fi
done

# Build under the shared build lock, and run a copy of the packaged app, so that another build of the same working
# tree cannot replace its jars while it runs. BENCH_BUILD_FROM=HEAD (or any commit) builds a clean export of that
# commit instead of the working tree, for a tree where others have work in progress. BENCH_MAVEN_OPTS (default -o)
# goes to Maven: set it empty on a machine whose Maven repository is still empty.
SRC="$ROOT"
if [[ -n "${BENCH_BUILD_FROM:-}" ]]; then
  SRC="$WORK/source"
  mkdir -p "$SRC" && git archive "$BENCH_BUILD_FROM" | tar -x -C "$SRC"
  echo "backtest: building $(git rev-parse --short "$BENCH_BUILD_FROM") (waiting for the build lock)"
else
  echo "backtest: building the working tree (waiting for the build lock)"
fi
flock /tmp/leadgate-build.lock bash -c '
  set -euo pipefail
  cd "$2"
  if [[ "$2" != "$3" || "${BENCH_SKIP_BUILD:-}" != "1" || ! -f target/quarkus-app/quarkus-run.jar ]]; then
    ./mvnw -q -B ${BENCH_MAVEN_OPTS--o} package -DskipTests -Dspotless.check.skip=true
  fi
  cp -r target/quarkus-app "$1/target/"' _ "$WORK" "$SRC" "$ROOT"
run_app() { (cd "$WORK" && start_app "$APP_PORT" "$1"); }
api() { curl -sS -H "Authorization: Bearer $TOKEN" "$@"; }
psql_db() { PGPASSWORD=leadgate psql -h 127.0.0.1 -U leadgate -d "$DB" -q -v ON_ERROR_STOP=1 "$@"; }

# The form, and the candidate: the same questions with other points.
form_yaml() { # SIZE_11_50 NEED_IMPORTANT TIMEFRAME_THIS_YEAR ROLE_INFLUENCER
  cat <<YAML
id: $FORM
title: Backtest benchmark form
dimensions:
  fit: {label: Fit, max: 35}
  need: {label: Need, max: 25}
  timeframe: {label: Timeframe, max: 25, decay: P90D}
  authority: {label: Authority, max: 15}
grades: {A: 85, B: 70, C: 40}
knockouts:
  no-timeline: {reason: The prospect has no plans to buy yet., route: nurture}
  not-a-buyer: Students and job seekers are not buyers.
steps:
  - id: company
    questions:
      - id: size
        type: single
        label: How many people work at your company?
        required: true
        options:
          - {value: "1-10", label: "1 to 10", points: {fit: 10}}
          - {value: "11-50", label: "11 to 50", points: {fit: $1}}
          - {value: "51-500", label: "51 to 500", points: {fit: 35}}
          - {value: "500-plus", label: "More than 500", points: {fit: 25}}
      - id: need
        type: single
        label: How pressing is the problem?
        required: true
        options:
          - {value: urgent, label: Urgent, points: {need: 25}}
          - {value: important, label: Important, points: {need: $2}}
          - {value: nice, label: Nice to have, points: {need: 5}}
  - id: plans
    questions:
      - id: timeframe
        type: single
        label: When do you plan to have a solution in place?
        required: true
        options:
          - {value: this-month, label: This month, points: {timeframe: 25}}
          - {value: quarter, label: Within 3 months, points: {timeframe: 15}}
          - {value: this-year, label: This year, points: {timeframe: $3}}
          - {value: no-plans, label: No plans to buy, knockout: no-timeline}
      - id: role
        type: single
        label: What is your role in this decision?
        required: true
        options:
          - {value: decision-maker, label: I make the decision, points: {authority: 15}}
          - {value: influencer, label: "I recommend, someone else signs", points: {authority: $4}}
          - {value: researcher, label: "I'm gathering information", points: {authority: 3}}
          - {value: student, label: "I'm a student or looking for a job", knockout: not-a-buyer}
      - {id: name, type: text, label: Your name}
      - {id: email, type: email, label: Email, required: true}
outcomes: {qualified: {min: 70}, nurture: {min: 35}}
routing:
  qualified:
    email: [sales@bench.example]
YAML
}

# --- Setup: schema, token, form, candidate and the templates, through the packaged app --------------------------
DB=$DB_FULL
fresh_database "$DB_FULL"
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB_SMALL WITH (FORCE)"
prepare_forms
start_sink
echo "backtest: starting Leadgate once for the schema, the form and the templates"
JAVA_OPTS="-Xmx$HEAP" APP_ENV="LEADGATE_REEVALUATION_EVERY=off" APP=$(run_app "$WORK/app-setup.log")
wait_ready "$APP_PORT"
# An API token of the first administrator, stored as the app stores one (its SHA-256 hash only).
sql "INSERT INTO api_token (user_id, name, token_hash, created_at)
     SELECT id, 'backtest bench', encode(sha256(convert_to('$TOKEN', 'UTF8')), 'hex'), now() FROM app_user ORDER BY id LIMIT 1"
publish_check() { python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d.get("publishable") else 1)'; }
form_yaml 25 15 5 8 | api -f -X PUT -H "Content-Type: application/yaml" --data-binary @- \
  "http://127.0.0.1:$APP_PORT/api/forms/$FORM/draft" | publish_check
api -f -o /dev/null -X POST "http://127.0.0.1:$APP_PORT/api/forms/$FORM/publish"
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/f/$FORM" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/f/$FORM"

# One lead per answer combination, scored by the live engine: 4 x 3 x 4 x 4 = 192 templates.
n=0
for size in 1-10 11-50 51-500 500-plus; do for need in urgent important nice; do
  for timeframe in this-month quarter this-year no-plans; do for role in decision-maker influencer researcher student; do
    n=$((n + 1))
    printf '{"answers":{"size":"%s","need":"%s","timeframe":"%s","role":"%s","name":"Bench Lead","email":"tpl-%d@backtest.example"}}\n' \
      "$size" "$need" "$timeframe" "$role" "$n"
  done; done
done; done >"$WORK/templates.jsonl"
xargs -a "$WORK/templates.jsonl" -d '\n' -P 4 -I{} curl -sf -o /dev/null -H "Content-Type: application/json" -d {} \
  "http://127.0.0.1:$APP_PORT/api/forms/$FORM/submissions"
TEMPLATES=$(sql "SELECT count(*) FROM lead WHERE email LIKE 'tpl-%'")
[[ "$TEMPLATES" == "$n" ]] || { echo "backtest: $TEMPLATES of $n templates were stored" >&2; exit 1; }

# The candidate: a draft that gives mid-sized companies, important needs and influencers more, "this year" nothing.
form_yaml 30 20 0 12 | api -f -X PUT -H "Content-Type: application/yaml" --data-binary @- \
  "http://127.0.0.1:$APP_PORT/api/forms/$FORM/draft" | publish_check
wait_drained "the templates' sales emails" 120
stop_app
sql "VACUUM ANALYZE lead, submission, lead_event, lead_outcome, outbox_message"
runuser -u postgres -- psql -q -c "CREATE DATABASE $DB_SMALL TEMPLATE $DB_FULL OWNER leadgate"

# --- Seeding and measuring -----------------------------------------------------------------------------------------
SEED_NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
seed() { # LEADS: seeds leads 1..LEADS-templates into $DB
  local started
  started=$(date +%s%N)
  psql_db -v first=1 -v last=$(( $1 - TEMPLATES )) -v form="$FORM" -v now="$SEED_NOW" -f src/bench/backtest-seed.sql
  psql_db -c "VACUUM ANALYZE lead, submission, lead_event, lead_outcome, outbox_message"
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}
cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) )); done; echo "$t"; }
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
ms_of_ticks() { echo $(( $1 * 1000 / $(getconf CLK_TCK) )); }
table_writes() { sql "SELECT string_agg(relname || '=' || (n_tup_ins + n_tup_upd + n_tup_del), ' ' ORDER BY relname) FROM pg_stat_user_tables"; }
# The machine is shared (builds and tests of other work): wait up to BENCH_QUIET_WAIT seconds for a calm minute.
wait_quiet() {
  local waited=0
  while (( waited < ${BENCH_QUIET_WAIT:-300} )) && awk '{exit !($1 > 0.6)}' /proc/loadavg; do sleep 5; waited=$((waited + 5)); done
  cut -d' ' -f1 /proc/loadavg
}
backtest() { # OUTPUT: POST the backtest, print the HTTP status
  api -o "$1" -w '%{http_code}' --max-time 1800 -H "Content-Type: application/json" \
    -d '{"candidate": "draft", "limit": 50}' "http://127.0.0.1:$APP_PORT/api/forms/$FORM/backtests" || echo 000
}

measure() { # NAME LEADS
  local name=$1 leads=$2 env="$WORK/run-$1.env"
  echo "backtest: seeding $leads leads into $DB"
  local seed_ms
  seed_ms=$(seed "$leads")
  echo "backtest: $name: starting Leadgate with -Xmx$HEAP"
  JAVA_OPTS="-Xmx$HEAP -Xlog:gc:file=$WORK/gc-$name.log:uptime" APP_ENV="LEADGATE_REEVALUATION_EVERY=off" \
    APP=$(run_app "$WORK/app-$name.log")
  wait_ready "$APP_PORT"
  sleep 3
  psql_db -tA -f src/bench/backtest-checksum.sql >"$WORK/checksum-$name-before.txt"
  sleep 1.5
  local writes_before rss_idle load
  writes_before=$(table_writes)
  rss_idle=$(rss_kb "$APP")
  load=$(wait_quiet)
  jcmd "$APP" GC.run >/dev/null # marks the start in the GC log, and measures the heap in use before
  ( peak=0; while kill -0 "$APP" 2>/dev/null; do r=$(rss_kb "$APP"); ((r > peak)) && peak=$r && echo "$peak" >"$WORK/rss-$name.txt"; sleep 0.2; done ) &
  local sampler=$!
  # The measured run: the first backtest of a freshly started app (its replay code not yet compiled).
  local pg cpu0 pg0 busy0 t0 t1 status cpu1 pg1 busy1
  pg=$(pgrep -u postgres | tr '\n' ' ')
  cpu0=$(cpu_ticks "$APP") pg0=$(cpu_ticks $pg) busy0=$(machine_busy) t0=$(date +%s%N)
  echo "backtest: $name: POST /api/forms/$FORM/backtests over $leads leads (load average $load)"
  status=$(backtest "$WORK/report-$name.json")
  t1=$(date +%s%N)
  cpu1=$(cpu_ticks "$APP") pg1=$(cpu_ticks $pg) busy1=$(machine_busy)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  jcmd "$APP" GC.run >/dev/null # marks the end of the measured run
  # The same backtest again, warm (its code compiled): how the time grows with the leads without start-up costs.
  local h0 h1 status_warm
  h0=$(date +%s%N)
  status_warm=$(backtest "$WORK/report-$name-warm.json")
  h1=$(date +%s%N)
  # A second, profiled run: Java Flight Recorder samples where the time goes, and a full collection every two
  # seconds measures the heap the backtest really holds (what is left in use right after each).
  local w0 w1 status2 probe
  jcmd "$APP" JFR.start name=backtest settings=profile >/dev/null
  ( while kill -0 "$APP" 2>/dev/null; do sleep 2; jcmd "$APP" GC.run >/dev/null 2>&1 || true; done ) &
  probe=$!
  w0=$(date +%s%N)
  status2=$(backtest "$WORK/report-$name-profiled.json")
  w1=$(date +%s%N)
  kill "$probe" 2>/dev/null || true; wait "$probe" 2>/dev/null || true
  jcmd "$APP" GC.run >/dev/null # marks the end of the profiled run
  jcmd "$APP" JFR.stop name=backtest filename="$WORK/profile-$name.jfr" >/dev/null
  jfr view --width 160 hot-methods "$WORK/profile-$name.jfr" >"$WORK/hot-methods-$name.txt" 2>&1 || true
  jfr print --events jdk.ExecutionSample --stack-depth 200 "$WORK/profile-$name.jfr" >"$WORK/samples-$name.txt" 2>&1 || true
  sleep 1.5
  local writes_after
  writes_after=$(table_writes)
  psql_db -tA -f src/bench/backtest-checksum.sql >"$WORK/checksum-$name-after.txt"
  stop_app
  cat >"$env" <<ENV
name=$name
db=$DB
leads_seeded=$leads
seed_ms=$seed_ms
load_average=$load
http_status=$status
backtest_ms=$(( (t1 - t0) / 1000000 ))
app_cpu_ms=$(ms_of_ticks $(( cpu1 - cpu0 )))
postgres_cpu_ms=$(ms_of_ticks $(( pg1 - pg0 )))
machine_busy_ms=$(ms_of_ticks $(( busy1 - busy0 )))
warm_http_status=$status_warm
warm_ms=$(( (h1 - h0) / 1000000 ))
profiled_http_status=$status2
profiled_ms=$(( (w1 - w0) / 1000000 ))
rss_idle_kb=$rss_idle
rss_peak_kb=$(cat "$WORK/rss-$name.txt" 2>/dev/null || echo 0)
writes_before="$writes_before"
writes_after="$writes_after"
db_leads=$(sql "SELECT count(*) FROM lead WHERE form_id = '$FORM'")
db_submissions=$(sql "SELECT count(*) FROM submission WHERE form_id = '$FORM'")
db_outcomes=$(sql "SELECT count(*) FROM lead_outcome")
db_won=$(sql "SELECT count(*) FROM lead_outcome WHERE status = 'won'")
db_followups=$(sql "SELECT count(*) FROM submission WHERE form_id = '$FORM' AND trust = 'VERIFIED'")
db_repeats=$(sql "SELECT count(*) FROM submission WHERE form_id = '$FORM' AND trust = 'REPEAT'")
db_qualified=$(sql "SELECT count(*) FROM lead WHERE form_id = '$FORM' AND verdict = 'qualified'")
db_won_qualified=$(sql "SELECT count(*) FROM lead l JOIN lead_outcome o ON o.lead_id = l.id WHERE o.status = 'won' AND l.verdict = 'qualified'")
db_won_nurture=$(sql "SELECT count(*) FROM lead l JOIN lead_outcome o ON o.lead_id = l.id WHERE o.status = 'won' AND l.verdict = 'nurture'")
db_lost_qualified=$(sql "SELECT count(*) FROM lead l JOIN lead_outcome o ON o.lead_id = l.id WHERE o.status = 'lost' AND l.verdict = 'qualified'")
db_size=$(sql "SELECT pg_size_pretty(pg_database_size('$DB'))")
ENV
  echo "backtest: $name: HTTP $status in $(( (t1 - t0) / 1000000 )) ms; warm run HTTP $status_warm in $(( (h1 - h0) / 1000000 )) ms; profiled run HTTP $status2 in $(( (w1 - w0) / 1000000 )) ms"
}

DB=$DB_SMALL
measure small "$SMALL"
runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB_SMALL WITH (FORCE)"
DB=$DB_FULL
measure full "$LEADS"

cat >"$WORK/budget.env" <<ENV
heap=$HEAP
budget_seconds=$BUDGET_SECONDS
budget_live_heap_mb=$BUDGET_LIVE_HEAP_MB
budget_heap_growth=$BUDGET_HEAP_GROWTH
cpu_cores=$(nproc)
cpu_model="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
java="$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
postgres="$(sql "SHOW server_version")"
commit=$(if [[ -n "${BENCH_BUILD_FROM:-}" ]]; then git rev-parse --short "$BENCH_BUILD_FROM"; else echo "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src/main pom.xml || echo "+working-tree-changes")"; fi)
measured_at=$SEED_NOW
ENV
python3 src/bench/backtest-report.py "$WORK" "$RESULTS"
