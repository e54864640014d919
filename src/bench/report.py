#!/usr/bin/env python3
"""Turns one benchmark run's raw outputs (wrk, pgbench, the sink's logs) into a table, results.json and latency.svg."""
import datetime
import json
import os
import re
import sys

OUT = sys.argv[1]


def read(name):
    path = os.path.join(OUT, name)
    return open(path).read() if os.path.exists(path) else ""


def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(name):
    text = read(name)
    if not text:
        return None
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        match = re.search(r"^\s+%s%%\s+([\d.]+(?:us|ms|s))" % pct, text, re.M)
        result["p" + pct + "_ms"] = ms(match.group(1)) if match else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    return result


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(0, min(len(ordered) - 1, int(round(p * len(ordered) + 0.5)) - 1))
    return ordered[rank]


numbers = dict(line.strip().split("=", 1) for line in read("numbers.env").splitlines() if "=" in line)
form_app, form_nginx = wrk("wrk-form-app.txt"), wrk("wrk-form-nginx.txt")
submit_max = wrk("wrk-submit-max.txt")
loads = {share: wrk("wrk-submit-%d.txt" % share) for share in (10, 25, 50, 75)}
pgbench = re.search(r"tps = ([\d.]+)", read("pgbench.txt"))
pgbench_tps = float(pgbench.group(1)) if pgbench else None
pgbench_done = re.search(r"number of transactions actually processed: (\d+)", read("pgbench.txt"))


def cpu_ms_each(ticks, count):
    """Milliseconds of CPU per item from clock ticks counted over a run; None when nothing was counted."""
    count = int(count) if count else 0
    return int(numbers.get(ticks, 0)) * 1000.0 / int(numbers.get("clock_ticks", 100)) / count if count else None


cpu_per_submission = {"leadgate": cpu_ms_each("max_app_ticks", numbers.get("max_committed")),
                      "postgresql": cpu_ms_each("max_pg_ticks", numbers.get("max_committed")),
                      "sink": cpu_ms_each("max_sink_ticks", numbers.get("max_committed")),
                      "postgresql_per_pgbench_transaction": cpu_ms_each("pgbench_pg_ticks", pgbench_done and pgbench_done.group(1))}


def ratio(a, b):
    return a / b if a is not None and b else None


# Speed to lead: the receiver's arrival time minus the event's timestamp (set when the submission commits), per lead.
arrivals = {}
for line in read("webhooks.log").splitlines():
    parts = line.split()
    if len(parts) == 4 and parts[2] not in arrivals and parts[3] != "-":
        event = datetime.datetime.fromisoformat(parts[3].replace("Z", "+00:00")).timestamp() * 1000
        arrivals[parts[2]] = int(parts[0]) - event


def speed_to_lead(leads):
    latencies = [arrivals[lead] for lead in leads if lead in arrivals]
    return {"leads": len(leads), "webhooks": len(latencies), "missing": len([lead for lead in leads if lead not in arrivals]),
            "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99)}


half_load = speed_to_lead(set(read("accepted-50.txt").split()))

spike = json.loads(read("spike.json")) if read("spike.json") else None
if spike:
    by_phase = {"spike": [], "after": []}
    for line in read("spike-requests.txt").splitlines():
        phase, _, _, status, lead = line.split()
        if status == "201":
            by_phase[phase].append(lead)
    spike["spike"]["speed_to_lead"] = speed_to_lead(by_phase["spike"])
    spike["after"]["speed_to_lead"] = speed_to_lead(by_phase["after"])

nurture_rate = int(numbers["nurture_sent"]) / (int(numbers["nurture_ms"]) / 1000.0) if int(numbers.get("nurture_ms", 0)) else None
results = {
    "machine": {"cores": int(numbers["cpu_cores"]), "java_opts": numbers.get("java_opts")},
    "form_page": {"leadgate": form_app, "nginx": form_nginx, "ratio": ratio(form_app and form_app["rps"], form_nginx and form_nginx["rps"]),
                  "target_ratio": 0.70, "target_p99_ms": 10},
    "submissions": {"leadgate_max": submit_max, "pgbench_tps": pgbench_tps, "ratio": ratio(submit_max and submit_max["rps"], pgbench_tps),
                    "target_ratio": 0.50, "cpu_ms_per_submission_at_max": cpu_per_submission, "at_half_load": loads[50], "target_p99_ms_at_half_load": 50,
                    "by_load": {str(k): v for k, v in loads.items()}},
    "speed_to_lead": dict(half_load, target_p99_ms=1000),
    "spike": dict(spike, target_refused=0, target_speed_to_lead_p99_ms=5000) if spike else None,
    "nurture": {"sent": int(numbers["nurture_sent"]), "seconds": int(numbers["nurture_ms"]) / 1000.0, "emails_per_second": nurture_rate,
                "target_emails_per_second": 1000},
    "startup_ms": int(numbers["startup_ms"]), "startup_cpu_ms": int(float(numbers.get("startup_cpu_ms", 0))), "target_startup_ms": 3000,
    "rss_mb": {"idle": int(numbers["rss_idle_kb"]) / 1024, "under_load": int(numbers["rss_load_kb"]) / 1024,
               "after_nurture": int(numbers["rss_after_nurture_kb"]) / 1024, "target_under_load": 400},
    "errors": {"non_2xx": sum(r["non_2xx"] for r in [submit_max] + list(loads.values()) if r),
               "socket_errors": sum(r["socket_errors"] for r in [form_app, submit_max] + list(loads.values()) if r),
               "failed_messages": int(numbers["submission_errors"]), "leads_missing_rows": int(numbers["leads_without_rows"])},
}


def fmt(value, unit=""):
    return "-" if value is None else ("%.1f%s" % (value, unit) if isinstance(value, float) else "%s%s" % (value, unit))


def pct(value):
    return "-" if value is None else "%.2f" % value


def met(ok):
    return "not measured" if ok is None else ("yes" if ok else "NO")


def check(value, test):
    return None if value is None else bool(test(value))


form_p99 = form_app and form_app["p99_ms"]
half = loads[50]
rss_load = results["rss_mb"]["under_load"] if int(numbers["rss_load_kb"]) else None
# One row per target of issue 19: measure, target, measured, reference, ratio, met.
rows = [
    ("Form page req/s", ">= 0.70 of nginx", fmt(form_app and form_app["rps"]), "nginx " + fmt(form_nginx and form_nginx["rps"]),
     pct(results["form_page"]["ratio"]), met(check(results["form_page"]["ratio"], lambda r: r >= 0.70))),
    ("Form page p99, 32 connections", "< 10 ms", fmt(form_p99, " ms"), "nginx " + fmt(form_nginx and form_nginx["p99_ms"], " ms"), "",
     met(check(form_p99, lambda v: v < 10))),
    ("Submissions committed/s", ">= 0.50 of pgbench", fmt(submit_max and submit_max["rps"]), "pgbench " + fmt(pgbench_tps),
     pct(results["submissions"]["ratio"]), met(check(results["submissions"]["ratio"], lambda r: r >= 0.50))),
    ("CPU per submission at the maximum", "", "Leadgate %s, PostgreSQL %s, sink %s" % tuple(
        fmt(cpu_per_submission[k], " ms") for k in ("leadgate", "postgresql", "sink")),
     "PostgreSQL %s per pgbench transaction" % fmt(cpu_per_submission["postgresql_per_pgbench_transaction"], " ms"), "", ""),
    ("Submissions p99 at half load", "< 50 ms", "%s at %s req/s" % (fmt(half and half["p99_ms"], " ms"), fmt(half and half["rps"])), "", "",
     met(check(half and half["p99_ms"], lambda v: v < 50))),
    ("Speed to lead p99 at half load", "< 1 s", "%s (p50 %s)" % (fmt(half_load["p99_ms"], " ms"), fmt(half_load["p50_ms"], " ms")),
     "%d webhooks" % half_load["webhooks"], "", met(check(half_load["p99_ms"], lambda v: v < 1000))),
    ("Nurture emails/s", ">= 1,000", fmt(nurture_rate), "%s sent" % numbers["nurture_sent"], "", met(check(nurture_rate, lambda v: v >= 1000))),
    ("Start-up to ready", "< 3 s", fmt(results["startup_ms"], " ms"), "%d ms CPU" % results["startup_cpu_ms"], "",
     met(results["startup_ms"] < 3000)),
    ("RSS under load (peak)", "< 400 MB", fmt(rss_load, " MB"), "idle %.0f, after nurture %.0f MB" % (results["rss_mb"]["idle"],
                                                                                                   results["rss_mb"]["after_nurture"]), "",
     met(check(rss_load, lambda v: v < 400))),
]
if spike:
    for phase, label in (("spike", "Spike"), ("after", "After the spike")):
        p = spike[phase]
        rows.append(("%s: accepted / refused" % label, "0 refused", "%d / %d of %d" % (p.get("accepted", 0), p.get("refused", 0), p["planned"]),
                     "sent in %s s (%s/s)" % (fmt(p.get("send_span_s")), fmt(p.get("arrival_per_s"))), "", met(p.get("refused", 1) == 0)))
        rows.append(("%s: p99 latency" % label, "", fmt(p.get("latency_p99_ms"), " ms"), "max " + fmt(p.get("latency_max_ms"), " ms"), "", ""))
        stl = p["speed_to_lead"]
        rows.append(("%s: speed to lead p99" % label, "< 5 s", "%s (p50 %s)" % (fmt(stl["p99_ms"], " ms"), fmt(stl["p50_ms"], " ms")),
                     "%d webhooks, %d missing" % (stl["webhooks"], stl["missing"]), "",
                     met(check(stl["p99_ms"], lambda v: v < 5000 and stl["missing"] == 0))))
else:
    rows.append(("Spike", "0 refused, speed to lead p99 < 5 s", "-", "", "", met(None)))
rows.append(("Errors", "none", "%d non-2xx, %d socket, %d failed messages, %d half-written leads" % tuple(results["errors"].values()), "", "",
             met(not any(results["errors"].values()))))
header = ("measure", "target", "measured", "reference", "ratio", "met")
widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(6)]
lines = ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(header)).rstrip()]
lines += ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip() for row in rows]
lines.append("")
lines.append("JVM: java %s -jar target/quarkus-app/quarkus-run.jar, %s cores" % (numbers.get("java_opts", ""), numbers["cpu_cores"]))
results["report"] = [dict(zip(header, row)) for row in rows]
json.dump(results, open(os.path.join(OUT, "results.json"), "w"), indent=2)
table = "\n".join(lines)
open(os.path.join(OUT, "report.txt"), "w").write(table + "\n")
print(table)

# Latency versus load: p50 and p99 of submissions at each measured rate.
points = sorted([(r["rps"], r["p50_ms"], r["p99_ms"]) for r in list(loads.values()) + [submit_max] if r and r["p99_ms"]])
if not points:
    print("\nWrote %s/results.json and report.txt (no submission runs, no latency chart)" % OUT)
    sys.exit(0)
w, h, pad = 640, 360, 50
max_x = max(p[0] for p in points) * 1.05
max_y = max(p[2] for p in points) * 1.1


def xy(x, y):
    return pad + x / max_x * (w - 2 * pad), h - pad - y / max_y * (h - 2 * pad)


def polyline(index, color):
    return '<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
        color, " ".join("%.1f,%.1f" % xy(p[0], p[index]) for p in points)) + "".join(
        '<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (xy(p[0], p[index]) + (color,)) for p in points)


svg = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="t">' % (w, h),
       '<title id="t">Submission latency versus load (p50 blue, p99 red)</title>',
       '<rect width="100%" height="100%" fill="#ffffff"/>',
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#0f172a"/>' % (pad, h - pad, w - pad, h - pad),
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#0f172a"/>' % (pad, pad, pad, h - pad),
       '<text x="%d" y="%d" font-size="12">submissions per second</text>' % (w / 2 - 60, h - 15),
       '<text x="10" y="%d" font-size="12">ms</text>' % (pad - 10),
       '<text x="%d" y="%d" font-size="11">%.0f</text>' % (w - pad - 20, h - pad + 15, max_x),
       '<text x="12" y="%d" font-size="11">%.0f</text>' % (pad + 4, max_y),
       '<text x="%d" y="%d" font-size="11">0</text>' % (pad - 12, h - pad + 4),
       '<text x="%d" y="%d" font-size="12" fill="#1d4ed8">p50</text>' % (w - pad - 60, pad),
       '<text x="%d" y="%d" font-size="12" fill="#b91c1c">p99</text>' % (w - pad - 60, pad + 16),
       polyline(1, "#1d4ed8"), polyline(2, "#b91c1c"), '</svg>']
open(os.path.join(OUT, "latency.svg"), "w").write("\n".join(svg) + "\n")
print("\nWrote %s/results.json, report.txt and latency.svg" % OUT)
