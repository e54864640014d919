#!/usr/bin/env python3
"""A spike of submissions at a fixed arrival rate, whatever the answers take (an open loop, which wrk cannot pace).

Sends --count submissions spread evenly over --seconds, then --after-count more over --after-seconds, each at its
planned moment on an idle keep-alive connection or a new one, so a slow server sees the requests pile up as a real
spike would pile them up. Logs every request as "phase sent_ms answered_ms status lead_id" to OUT/spike-requests.txt
(status 0: no answer, with the reason in place of the lead id) and prints and writes OUT/spike.json: per phase the
planned and sent count, the measured arrival rate, accepted (201), refused (anything else), latency p50/p99/max.
"""
import argparse
import asyncio
import json
import os
import re
import resource
import sys
import time
from urllib.parse import urlsplit

LEAD_ID = re.compile(rb'"lead_id":"([^"]+)"')


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[max(0, min(len(ordered) - 1, int(round(p * len(ordered) + 0.5)) - 1))]


class Client:
    def __init__(self, host, port, path, timeout):
        self.host, self.port, self.path, self.timeout = host, port, path, timeout
        self.idle = []
        self.open_connections = 0
        self.peak_connections = 0

    async def connection(self):
        while self.idle:
            reader, writer = self.idle.pop()
            if not reader.at_eof() and not writer.is_closing():
                return reader, writer
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self.open_connections += 1
        self.peak_connections = max(self.peak_connections, self.open_connections)
        return reader, writer

    def close(self, writer):
        self.open_connections -= 1
        writer.close()

    async def post(self, body):
        reader, writer = await self.connection()
        try:
            writer.write(("POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                          % (self.path, self.host, self.port, len(body))).encode() + body)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                raise ConnectionError("closed without an answer")
            status = int(status_line.split()[1])
            length, chunked, keep = 0, False, True
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                name, value = name.strip().lower(), value.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding" and "chunked" in value:
                    chunked = True
                elif name == "connection" and value == "close":
                    keep = False
            if chunked:
                payload = b""
                while True:
                    size = int((await reader.readline()).split(b";")[0], 16)
                    if size == 0:
                        await reader.readline()
                        break
                    payload += await reader.readexactly(size)
                    await reader.readline()
            else:
                payload = await reader.readexactly(length) if length else b""
        except BaseException:
            self.close(writer)
            raise
        if keep:
            self.idle.append((reader, writer))
        else:
            self.close(writer)
        return status, payload


async def one(client, phase, index, prefix, results):
    body = json.dumps({"answers": {"fit": "yes", "name": "Spike Lead", "email": "%s-%s-%d@bench.example" % (prefix, phase, index)}}).encode()
    sent = time.time()
    try:
        status, payload = await asyncio.wait_for(client.post(body), client.timeout)
        match = LEAD_ID.search(payload)
        detail = match.group(1).decode() if match else "-"
    except asyncio.TimeoutError:
        status, detail = 0, "timeout"
    except (OSError, ValueError, asyncio.IncompleteReadError) as error:
        status, detail = 0, type(error).__name__
    results.append((phase, sent * 1000, time.time() * 1000, status, detail))


async def run(args):
    url = urlsplit(args.url)
    client = Client(url.hostname, url.port or 80, "/api/forms/%s/submissions" % args.form, args.timeout)
    results, tasks = [], []
    phases = [("spike", args.count, args.seconds), ("after", args.after_count, args.after_seconds)]
    start = time.monotonic()
    offset = 0.0
    for phase, count, seconds in phases:
        for i in range(count):
            due = start + offset + i * seconds / count
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(client, phase, i, args.prefix, results)))
        offset += seconds
    await asyncio.gather(*tasks)
    return results, client.peak_connections


def summary(results, phase, planned, seconds):
    rows = [r for r in results if r[0] == phase]
    if not rows:
        return {"planned": planned, "sent": 0}
    sent = sorted(r[1] for r in rows)
    span = (sent[-1] - sent[0]) / 1000.0
    latencies = [r[2] - r[1] for r in rows if r[3] == 201]
    refused = [r for r in rows if r[3] != 201]
    reasons = {}
    for r in refused:
        key = str(r[3]) if r[3] else r[4]
        reasons[key] = reasons.get(key, 0) + 1
    return {"planned": planned, "planned_seconds": seconds, "sent": len(rows), "send_span_s": round(span, 2),
            "arrival_per_s": round(len(rows) / span, 1) if span > 0 else None,
            "accepted": len(latencies), "refused": len(refused), "refused_by_reason": reasons,
            "latency_p50_ms": percentile(latencies, 0.5), "latency_p99_ms": percentile(latencies, 0.99),
            "latency_max_ms": max(latencies) if latencies else None,
            "last_answer_after_s": round((max(r[2] for r in rows) - sent[0]) / 1000.0, 2)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--form", default="bench")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--after-count", type=int, default=200)
    parser.add_argument("--after-seconds", type=float, default=10)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--prefix", default="spike")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    results, peak = asyncio.run(run(args))
    with open(os.path.join(args.out, "spike-requests.txt"), "w") as out:
        for phase, sent, answered, status, detail in sorted(results, key=lambda r: r[1]):
            out.write("%s %d %d %d %s\n" % (phase, sent, answered, status, detail))
    result = {"spike": summary(results, "spike", args.count, args.seconds),
              "after": summary(results, "after", args.after_count, args.after_seconds),
              "peak_connections": peak}
    json.dump(result, open(os.path.join(args.out, "spike.json"), "w"), indent=2)
    for phase in ("spike", "after"):
        s = result[phase]
        print("spike: %-5s %d of %d sent in %.1f s (%.0f/s), %d accepted, %d refused %s, p50 %s ms, p99 %s ms, max %s ms"
              % (phase, s["sent"], s["planned"], s.get("send_span_s", 0), s.get("arrival_per_s") or 0, s.get("accepted", 0),
                 s.get("refused", 0), s.get("refused_by_reason", {}), s.get("latency_p50_ms"), s.get("latency_p99_ms"),
                 s.get("latency_max_ms")))
    print("spike: at most %d connections open at once" % peak)


if __name__ == "__main__":
    sys.exit(main())
