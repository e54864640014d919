#!/usr/bin/env python3
"""Loopback peers for the benchmark and the production proof: a webhook receiver and an SMTP sink.

The receiver answers 200, or 500 for a given share of requests (--fail), and logs every webhook it accepted as
"arrival_ms webhook_id lead_id event_timestamp". The SMTP sink accepts every message and logs "arrival_ms message_id".
Neither generates load: wrk and pgbench do that.
"""
import argparse
import asyncore
import json
import random
import smtpd
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()


def log(path, line):
    with LOCK:
        with open(path, "a") as out:
            out.write(line + "\n")


def receiver(port, fail, path):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if random.random() < fail:
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                payload = json.loads(body)
                lead = payload.get("data", {}).get("lead", {}).get("id", "-")
                stamp = payload.get("timestamp", "-")
            except ValueError:
                lead, stamp = "-", "-"
            log(path, "%d %s %s %s" % (time.time() * 1000, self.headers.get("webhook-id", "-"), lead, stamp))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


class Sink(smtpd.SMTPServer):
    def __init__(self, port, path):
        super().__init__(("127.0.0.1", port), None, decode_data=True)
        self.path = path

    def handle_accepted(self, conn, addr):
        # Like a tuned relay: answer each SMTP command at once instead of letting Nagle hold small replies back.
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().handle_accepted(conn, addr)

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message_id = "-"
        for line in data.splitlines():
            if line.lower().startswith("message-id:"):
                message_id = line.split(":", 1)[1].strip()
                break
            if not line:
                break
        log(self.path, "%d %s" % (time.time() * 1000, message_id))
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", type=int, required=True)
    parser.add_argument("--smtp", type=int, required=True)
    parser.add_argument("--fail", type=float, default=0.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    threading.Thread(target=receiver, args=(args.http, args.fail, args.out + "/webhooks.log"), daemon=True).start()
    Sink(args.smtp, args.out + "/emails.log")
    print("sink ready", flush=True)
    asyncore.loop(timeout=0.05)


if __name__ == "__main__":
    sys.exit(main())
