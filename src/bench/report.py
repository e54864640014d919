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
pgbench_tps = float(re.search(r"tps = ([\d.]+)", read("pgbench.txt")).group(1))

accepted = set(read("accepted-50.txt").split())
latencies = []
for line in read("webhooks.log").splitlines():
    parts = line.split()
    if len(parts) == 4 and parts[2] in accepted:
        event = datetime.datetime.fromisoformat(parts[3].replace("Z", "+00:00")).timestamp() * 1000
        latencies.append(int(parts[0]) - event)

nurture_rate = int(numbers["nurture_sent"]) / (int(numbers["nurture_ms"]) / 1000.0)
results = {
    "machine": {"cores": int(numbers["cpu_cores"])},
    "form_page": {"leadgate": form_app, "nginx": form_nginx, "ratio": form_app["rps"] / form_nginx["rps"], "target_ratio": 0.70},
    "submissions": {"leadgate_max": submit_max, "pgbench_tps": pgbench_tps, "ratio": submit_max["rps"] / pgbench_tps, "target_ratio": 0.50,
                    "at_half_load": loads[50], "target_p99_ms_at_half_load": 50,
                    "by_load": {str(k): v for k, v in loads.items()}},
    "speed_to_lead": {"webhooks": len(latencies), "p50_ms": percentile(latencies, 0.5), "p99_ms": percentile(latencies, 0.99),
                      "target_p99_ms": 1000},
    "nurture": {"sent": int(numbers["nurture_sent"]), "seconds": int(numbers["nurture_ms"]) / 1000.0, "emails_per_second": nurture_rate,
                "target_emails_per_second": 500},
    "startup_ms": int(numbers["startup_ms"]),
    "rss_mb": {"idle": int(numbers["rss_idle_kb"]) / 1024, "under_load": int(numbers["rss_load_kb"]) / 1024,
               "after_nurture": int(numbers["rss_after_nurture_kb"]) / 1024},
    "errors": {"non_2xx": sum(r["non_2xx"] for r in [submit_max] + list(loads.values()) if r),
               "socket_errors": sum(r["socket_errors"] for r in [form_app, submit_max] + list(loads.values()) if r),
               "failed_messages": int(numbers["submission_errors"]), "leads_missing_rows": int(numbers["leads_without_rows"])},
}
json.dump(results, open(os.path.join(OUT, "results.json"), "w"), indent=2)


def verdict(ok):
    return "meets" if ok else "MISSES"


def fmt(value, unit=""):
    return "-" if value is None else ("%.1f%s" % (value, unit) if isinstance(value, float) else "%s%s" % (value, unit))


rows = [
    ("Form page req/s", fmt(form_app["rps"]), "nginx " + fmt(form_nginx["rps"]), "%.0f %%" % (100 * results["form_page"]["ratio"]),
     ">= 70 %", verdict(results["form_page"]["ratio"] >= 0.70)),
    ("Form page p50 / p99", "%s / %s" % (fmt(form_app["p50_ms"], " ms"), fmt(form_app["p99_ms"], " ms")),
     "nginx %s / %s" % (fmt(form_nginx["p50_ms"], " ms"), fmt(form_nginx["p99_ms"], " ms")), "", "", ""),
    ("Submissions committed/s", fmt(submit_max["rps"]), "pgbench " + fmt(pgbench_tps), "%.0f %%" % (100 * results["submissions"]["ratio"]),
     ">= 50 %", verdict(results["submissions"]["ratio"] >= 0.50)),
    ("p99 at half load", "%s at %s req/s" % (fmt(loads[50]["p99_ms"], " ms"), fmt(loads[50]["rps"])), "", "", "< 50 ms",
     verdict(loads[50]["p99_ms"] is not None and loads[50]["p99_ms"] < 50)),
    ("Speed to lead p50 / p99", "%s / %s" % (fmt(results["speed_to_lead"]["p50_ms"], " ms"), fmt(results["speed_to_lead"]["p99_ms"], " ms")),
     "%d webhooks" % len(latencies), "", "p99 < 1 s", verdict(latencies and results["speed_to_lead"]["p99_ms"] < 1000)),
    ("Nurture emails/s", fmt(nurture_rate), "%s sent" % numbers["nurture_sent"], "", ">= 500", verdict(nurture_rate >= 500)),
    ("Start-up", fmt(results["startup_ms"], " ms"), "", "", "", ""),
    ("RSS idle / load / after nurture", "%.0f / %.0f / %.0f MB" % (results["rss_mb"]["idle"], results["rss_mb"]["under_load"],
                                                                   results["rss_mb"]["after_nurture"]), "", "", "", ""),
    ("Errors", "%d non-2xx, %d socket, %d failed messages, %d half-written leads" % tuple(results["errors"].values()), "", "", "none",
     verdict(not any(results["errors"].values()))),
]
widths = [max(len(str(row[i])) for row in rows + [("measure", "Leadgate", "reference", "ratio", "target", "")]) for i in range(6)]
lines = ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(("measure", "Leadgate", "reference", "ratio", "target", "")))]
lines += ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)) for row in rows]
table = "\n".join(lines)
open(os.path.join(OUT, "report.txt"), "w").write(table + "\n")
print(table)

# Latency versus load: p50 and p99 of submissions at each measured rate.
points = sorted([(r["rps"], r["p50_ms"], r["p99_ms"]) for r in list(loads.values()) + [submit_max] if r and r["p99_ms"]])
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
