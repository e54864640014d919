#!/usr/bin/env bash
# The form page alone, in one run: Leadgate's GET /f/bench against nginx serving the same bytes (with as many workers
# as run.sh gives it, and with one), then the ratios. BENCH_PROFILE=1 also records Leadgate under load with JFR and
# prints the hottest frames. About 2 minutes; build first, or leave BENCH_SKIP_BUILD unset.
source "$(dirname "$0")/common.sh"
OUT="$ROOT/target/bench-formpage"
DB=leadgate_formpage
APP_PORT=18180 NGINX_PORT=18181 HTTP_PORT=18190 SMTP_PORT=18125
DURATION=${BENCH_DURATION:-15}
begin_run
APP=$(start_app "$APP_PORT" "$OUT/app.log")
pids+=("$APP")
wait_ready "$APP_PORT"
sleep 3

curl -sf "http://127.0.0.1:$APP_PORT/f/bench" >"$OUT/static/form.html"
load() { wrk -t1 -c32 -d"$1" --latency "$2"; }
requests() { awk '/Requests\/sec/ {print int($2)}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }

start_nginx auto "server { listen 127.0.0.1:$NGINX_PORT; root $OUT/static; default_type text/html; }"
load 5s "http://127.0.0.1:$APP_PORT/f/bench" >/dev/null
load 5s "http://127.0.0.1:$NGINX_PORT/form.html" >/dev/null
load "${DURATION}s" "http://127.0.0.1:$NGINX_PORT/form.html" >"$OUT/wrk-nginx.txt"
[[ "${BENCH_PROFILE:-}" == "1" ]] && jcmd "$APP" JFR.start name=formpage settings=profile >/dev/null
app_before=$(cpu_ticks "$APP") pg_before=$(postgres_ticks)
load "${DURATION}s" "http://127.0.0.1:$APP_PORT/f/bench" >"$OUT/wrk-app.txt"
app_cpu=$(( ($(cpu_ticks "$APP") - app_before) * 100 / $(getconf CLK_TCK) / DURATION )) pg_cpu=$(( ($(postgres_ticks) - pg_before) * 100 / $(getconf CLK_TCK) / DURATION ))
[[ "${BENCH_PROFILE:-}" == "1" ]] && jcmd "$APP" JFR.stop name=formpage filename="$OUT/app.jfr" >/dev/null
stop_nginx
sleep 1
start_nginx 1 "server { listen 127.0.0.1:$NGINX_PORT; root $OUT/static; default_type text/html; }"
load 3s "http://127.0.0.1:$NGINX_PORT/form.html" >/dev/null
load "${DURATION}s" "http://127.0.0.1:$NGINX_PORT/form.html" >"$OUT/wrk-nginx-1.txt"
stop_nginx

app=$(requests "$OUT/wrk-app.txt") nginx=$(requests "$OUT/wrk-nginx.txt") nginx1=$(requests "$OUT/wrk-nginx-1.txt")
echo "form page: leadgate $app req/s (p99 $(p99 "$OUT/wrk-app.txt")), $(wc -c <"$OUT/static/form.html") bytes"
echo "form page: nginx auto $nginx req/s (p99 $(p99 "$OUT/wrk-nginx.txt")), ratio $(python3 -c "print(f'{$app / $nginx:.2f}')")"
echo "form page: nginx 1 worker $nginx1 req/s (p99 $(p99 "$OUT/wrk-nginx-1.txt")), ratio $(python3 -c "print(f'{$app / $nginx1:.2f}')")"
echo "form page: during Leadgate's run it used $app_cpu % of a core and PostgreSQL $pg_cpu % (of $(nproc) cores)"
echo "form page: views counted $(sql "SELECT count(*) FROM funnel_event WHERE type = 'view'")"

if [[ "${BENCH_PROFILE:-}" == "1" ]]; then
  jfr print --events jdk.ExecutionSample --stack-depth 64 "$OUT/app.jfr" >"$OUT/samples.txt"
  python3 - "$OUT/samples.txt" <<'PY'
import collections, re, sys
samples, top, own, thread = [], collections.Counter(), collections.Counter(), collections.Counter()
stack = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        stack = []
    elif line.startswith("sampledThread"):
        thread[re.sub(r'[-#]?\d+.*', '', line.split('"')[1])] += 1
    elif stack is not None and re.match(r'^[\w$.<>/]+\(.*\)\s+line:', line):
        stack.append(line.split('(')[0])
    elif line == "]" and stack is not None:
        samples.append(stack); stack = None
total = len(samples) or 1
for s in samples:
    top[s[0]] += 1
    for f in set(s):
        own[f] += 1
print(f"{len(samples)} samples; by thread:", ", ".join(f"{t} {n * 100 // total}%" for t, n in thread.most_common(6)))
print("top frames (self):")
for f, n in top.most_common(25):
    print(f"  {n * 100 / total:5.1f}%  {f}")
print("inclusive (frames of ours and the framework's):")
for f, n in own.most_common(400):
    if re.search(r'leadgate|resteasy|vertx\.ext\.web|quarkus\.vertx\.http|micrometer|narayana|hibernate|netty\.handler\.codec\.http\.HttpObjectEncoder|security', f):
        print(f"  {n * 100 / total:5.1f}%  {f}")
PY
fi
