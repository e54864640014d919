#!/usr/bin/env python3
"""Turns the backtest benchmark's measurements into target/bench/backtest.txt and backtest.json.

Usage: backtest-report.py WORK_DIR RESULTS_DIR. Reads, for the runs "small" and "full": run-NAME.env (timings, RSS,
CPU, row counts), gc-NAME.log (G1's log; the backtest lies between two forced full collections, "System.gc()"),
report-NAME.json (the API's answer) and checksum-NAME-{before,after}.txt; and budget.env. Exits 1 when the backtest
failed, changed a row, disagrees with what the live engine stored, or misses the budget.
"""
import json
import re
import shlex
import sys
from pathlib import Path

UNITS = {"K": 1 / 1024, "M": 1, "G": 1024}
SIZES = re.compile(r"(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
PAUSE = re.compile(r"Pause .* (\d+(?:\.\d+)?)ms$")


def env(path):
    values = {}
    for line in path.read_text().splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = " ".join(shlex.split(value)) if value else ""
    return values


def gc(path):
    """The heap in MB from G1's log. jcmd GC.run forces the full collections that divide it: one before the measured
    run, one after it; then, in the profiled run, one every two seconds (the heap left in use right after each is
    what the backtest holds at that moment), and one after it."""
    forced, window = [], []
    for line in path.read_text().splitlines():
        sizes = SIZES.search(line)
        if not sizes:
            continue
        before = int(sizes[1]) * UNITS[sizes[2]]
        after = int(sizes[3]) * UNITS[sizes[4]]
        committed = int(sizes[5]) * UNITS[sizes[6]]
        if "System.gc()" in line or "Diagnostic Command" in line:
            forced.append(after)
            continue
        if len(forced) == 1:
            pause = PAUSE.search(line)
            window.append((before, after, committed, float(pause[1]) if pause else 0.0))
    probes = forced[2:-1] or forced[-1:]
    return {
        "in_use_before_mb": forced[0] if forced else None,
        "peak_used_mb": max((w[0] for w in window), default=None),
        "peak_after_young_gc_mb": max((w[1] for w in window), default=None),
        "committed_max_mb": max((w[2] for w in window), default=None),
        "left_after_mb": forced[1] if len(forced) > 1 else None,
        "collections": len(window),
        "pause_total_ms": round(sum(w[3] for w in window), 1),
        "pause_max_ms": max((w[3] for w in window), default=0.0),
        "live_probes": len(forced[2:-1]),
        "live_max_mb": max(probes, default=None),
        "live_after_profiled_mb": forced[-1] if len(forced) > 2 else None,
    }


# What a sample of the backtest's thread was doing, by the first of these found anywhere in its stack.
CATEGORIES = [
    ("PostgreSQL driver", "org.postgresql."),
    ("Hibernate (loading entities)", "org.hibernate."),
    ("parsing stored answers (Jackson)", "SubmissionStore.parse"),
    ("score explanations (ledger text)", "java.util.Formatter"),
    ("scoring", "io.leadgate.scoring."),
    ("replay (merging answers)", "io.leadgate.leads.LeadReplay"),
    ("backtest tallies", "io.leadgate.leads.Backtests"),
]


def profile(path):
    """Shares of the JFR execution samples of the thread running the backtest, by what it was doing."""
    try:
        text = path.read_text()
    except OSError:
        return {}
    counts, total = {}, 0
    for event in text.split("jdk.ExecutionSample {")[1:]:
        if "BacktestApiResource" not in event:
            continue
        total += 1
        name = next((label for label, marker in CATEGORIES if marker in event), "other")
        counts[name] = counts.get(name, 0) + 1
    shares = {k: round(100 * v / total) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])}
    return {"samples": total, "percent": shares}


def hot_methods(path, rows=12):
    try:
        lines = [l.rstrip() for l in path.read_text().splitlines() if l.strip()]
    except OSError:
        return []
    return lines[:rows + 3]


def checksums(path):
    return {row.split("|")[0]: row.split("|")[1:] for row in path.read_text().split() if "|" in row}


def load(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def run(work, name):
    numbers = env(work / f"run-{name}.env")
    heap = gc(work / f"gc-{name}.log")
    report = load(work / f"report-{name}.json")
    profiled = load(work / f"report-{name}-profiled.json")
    before = checksums(work / f"checksum-{name}-before.txt")
    after = checksums(work / f"checksum-{name}-after.txt")
    changed_tables = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
    writes_before = dict(w.split("=") for w in numbers.get("writes_before", "").split())
    writes_after = dict(w.split("=") for w in numbers.get("writes_after", "").split())
    written = {t: int(writes_after[t]) - int(writes_before.get(t, 0))
               for t in writes_after if int(writes_after[t]) != int(writes_before.get(t, 0))}
    leads = int(numbers["db_leads"])
    ms = int(numbers["backtest_ms"])
    current = report.get("current") or {}
    weeks_current = sum(w.get("current", 0) for w in report.get("weeks") or [])
    agreement = {
        "leads": (report.get("leads"), leads),
        "submissions": (report.get("submissions"), int(numbers["db_submissions"])),
        "won deals of qualified leads": (current.get("won_qualified"), int(numbers["db_won_qualified"])),
        "won deals of nurtured leads": (current.get("won_nurtured"), int(numbers["db_won_nurture"])),
        "lost deals of qualified leads": (current.get("lost_qualified"), int(numbers["db_lost_qualified"])),
        "qualified leads": (weeks_current, int(numbers["db_qualified"])),
    }
    return {
        "leads": leads,
        "submissions": int(numbers["db_submissions"]),
        "follow_ups": int(numbers["db_followups"]),
        "repeats": int(numbers["db_repeats"]),
        "deal_outcomes": int(numbers["db_outcomes"]),
        "won_deals": int(numbers["db_won"]),
        "database_size": numbers["db_size"],
        "seed_ms": int(numbers["seed_ms"]),
        "load_average_at_start": float(numbers["load_average"]),
        "http_status": int(numbers["http_status"]),
        "backtest_ms": ms,
        "leads_per_second": round(leads * 1000 / ms) if ms else None,
        "app_cpu_ms": int(numbers["app_cpu_ms"]),
        "postgres_cpu_ms": int(numbers["postgres_cpu_ms"]),
        "machine_busy_ms": int(numbers["machine_busy_ms"]),
        "other_cpu_ms": int(numbers["machine_busy_ms"]) - int(numbers["app_cpu_ms"]) - int(numbers["postgres_cpu_ms"]),
        "warm_http_status": int(numbers["warm_http_status"]),
        "warm_ms": int(numbers["warm_ms"]),
        "warm_leads_per_second": round(leads * 1000 / int(numbers["warm_ms"])) if int(numbers["warm_ms"]) else None,
        "profiled_http_status": int(numbers["profiled_http_status"]),
        "profiled_ms": int(numbers["profiled_ms"]),
        "repeated_reports_are_the_same": profiled == report and load(work / f"report-{name}-warm.json") == report,
        "heap": heap,
        "rss_idle_mb": round(int(numbers["rss_idle_kb"]) / 1024),
        "rss_peak_mb": round(int(numbers["rss_peak_kb"]) / 1024),
        "changed_tables": changed_tables,
        "rows_written_during_backtests": written,
        "agreement": {k: {"backtest": v[0], "stored": v[1], "agrees": v[0] == v[1]} for k, v in agreement.items()},
        "report": {k: report.get(k) for k in ("leads", "submissions", "moves", "changed", "current", "candidate_deals")},
        "weeks": len(report.get("weeks") or []),
        "hot_methods": hot_methods(work / f"hot-methods-{name}.txt"),
        "profile": profile(work / f"samples-{name}.txt"),
    }


def ratio(a, b, digits=2):
    return round(a / b, digits) if a is not None and b else None


def main():
    work, results = Path(sys.argv[1]), Path(sys.argv[2])
    budget = env(work / "budget.env")
    small, full = run(work, "small"), run(work, "full")
    ratios = {
        "leads": ratio(full["leads"], small["leads"]),
        "time": ratio(full["backtest_ms"], small["backtest_ms"]),
        "time_warm": ratio(full["warm_ms"], small["warm_ms"]),
        "live_heap": ratio(full["heap"]["live_max_mb"], small["heap"]["live_max_mb"]),
        "peak_after_young_gc": ratio(full["heap"]["peak_after_young_gc_mb"], small["heap"]["peak_after_young_gc_mb"]),
        "rss_peak": ratio(full["rss_peak_mb"], small["rss_peak_mb"]),
    }
    budget_seconds = float(budget["budget_seconds"])
    budget_heap = float(budget["budget_live_heap_mb"])
    budget_growth = float(budget["budget_heap_growth"])

    failures = []
    for name, r in (("small", small), ("full", full)):
        for what, status in (("measured", r["http_status"]), ("warm", r["warm_http_status"]),
                             ("profiled", r["profiled_http_status"])):
            if status != 200:
                failures.append(f"{name}: the {what} backtest answered HTTP {status}")
        if not r["repeated_reports_are_the_same"]:
            failures.append(f"{name}: another backtest of the same data answered differently")
        if r["changed_tables"]:
            failures.append(f"{name}: the backtests changed {', '.join(r['changed_tables'])}")
        for what, a in r["agreement"].items():
            if not a["agrees"]:
                failures.append(f"{name}: {what}: the backtest counts {a['backtest']}, the database holds {a['stored']}")
    live = full["heap"]["live_max_mb"]
    if full["backtest_ms"] > budget_seconds * 1000:
        failures.append(f"{full['leads']:,} leads took {full['backtest_ms'] / 1000:.1f} s, over the {budget_seconds:g} s budget")
    if live is None or live > budget_heap:
        failures.append(f"the backtest held {live} MB of heap, over the {budget_heap:g} MB budget")
    if ratios["live_heap"] is None or ratios["live_heap"] > budget_growth:
        failures.append(f"the heap held grew {ratios['live_heap']}x from {small['leads']:,} to {full['leads']:,} leads"
                        f" (budget {budget_growth:g}x)")

    result = {
        "measured_at": budget["measured_at"],
        "commit": budget["commit"],
        "machine": {"cpu_cores": int(budget["cpu_cores"]), "cpu_model": budget["cpu_model"], "java": budget["java"],
                    "postgres": budget["postgres"], "heap": f"-Xmx{budget['heap']}"},
        "budget": {"seconds": budget_seconds, "live_heap_mb": budget_heap, "live_heap_growth": budget_growth},
        "small": small,
        "full": full,
        "ratios": ratios,
        "failures": failures,
        "passed": not failures,
    }
    (results / "backtest.json").write_text(json.dumps(result, indent=2) + "\n")

    def line(r):
        h = r["heap"]
        return (f"{r['leads']:>9,} leads {r['submissions']:>9,} submissions: {r['backtest_ms'] / 1000:5.1f} s"
                f" ({r['leads_per_second']:,} leads/s; warm {r['warm_ms'] / 1000:.1f} s, {r['warm_leads_per_second']:,} leads/s;"
                f" profiled {r['profiled_ms'] / 1000:.1f} s);"
                f" heap held {h['live_max_mb']:.0f} MB at most ({h['live_probes']} full-GC probes; idle"
                f" {h['in_use_before_mb']:.0f} MB, left after {h['left_after_mb']:.0f} MB), up to"
                f" {h['peak_after_young_gc_mb']:.0f} MB after a young GC, {h['peak_used_mb']:.0f} MB before one;"
                f" RSS {r['rss_idle_mb']} -> {r['rss_peak_mb']} MB; CPU app {r['app_cpu_ms'] / 1000:.1f} s,"
                f" PostgreSQL {r['postgres_cpu_ms'] / 1000:.1f} s, other processes {r['other_cpu_ms'] / 1000:.1f} s"
                f" (load average {r['load_average_at_start']} at the start)")

    text = [
        f"Backtest benchmark ({budget['measured_at']}, commit {budget['commit']}; {budget['cpu_cores']} cores,"
        f" {budget['cpu_model']}; {budget['java']}; PostgreSQL {budget['postgres']}; app with -Xmx{budget['heap']})",
        "POST /api/forms/backtest/backtests {candidate: draft}: every lead replayed under the published form and the"
        " draft; the first backtest after start-up is the measured one",
        "",
        "small: " + line(small),
        "full:  " + line(full),
        "",
        f"full / small: {ratios['leads']}x the leads, {ratios['time']}x the time ({ratios['time_warm']}x warm),"
        f" {ratios['live_heap']}x the heap held, {ratios['rss_peak']}x the peak RSS",
        f"full data: {full['follow_ups']:,} re-qualification follow-ups, {full['repeats']:,} unproven repeats,"
        f" {full['deal_outcomes']:,} deal outcomes ({full['won_deals']:,} won), database {full['database_size']};"
        f" seeded in {full['seed_ms'] / 1000:.0f} s",
        f"full report: moves {full['report']['moves']}, {full['report']['changed']} changed;"
        f" current {full['report']['current']}; candidate {full['report']['candidate_deals']}",
        f"GC during the measured full backtest: {full['heap']['collections']} pauses, {full['heap']['pause_total_ms']} ms"
        f" in all, longest {full['heap']['pause_max_ms']} ms",
        "changes nothing: " + ("no row of lead, submission, lead_outcome, lead_event, outbox_message, consent,"
                               " nurture_enrolment, form_*, delivery_attempt, held_submission changed"
                               if not small["changed_tables"] and not full["changed_tables"] else "CHANGED ROWS")
        + f"; rows written meanwhile by anything: {full['rows_written_during_backtests'] or 'none'}",
        "replay of the published form agrees with what the live engine stored (leads, submissions, deals by"
        " verdict, qualified leads): " + ("yes" if all(a["agrees"] for r in (small, full)
                                                        for a in r["agreement"].values()) else "NO"),
        f"budget for {full['leads']:,} leads: {budget_seconds:g} s, {budget_heap:g} MB heap held,"
        f" {budget_growth:g}x growth of it from the small run: " + ("met" if not failures else "MISSED"),
    ]
    text += [f"FAILED: {f}" for f in failures]
    text += ["", f"Where the backtest's thread spent its time in the profiled full run ({full['profile'].get('samples', 0)}"
             " JFR samples, by the first match in the stack: driver, Hibernate, answer parsing, ledger text, scoring,"
             " replay, tallies):",
             ", ".join(f"{k} {v} %" for k, v in (full["profile"].get("percent") or {}).items())]
    text += ["", "Hot methods of the whole app in the profiled full run (JFR):"] + full["hot_methods"]
    (results / "backtest.txt").write_text("\n".join(text) + "\n")
    print("\n".join(text))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
