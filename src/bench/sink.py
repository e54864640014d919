#!/usr/bin/env python3
"""Loopback peers for the benchmark and the production proof: a webhook receiver and an SMTP sink.

The receiver answers 200, or 500 for a given share of requests (--fail), and logs every webhook it accepted as
"arrival_ms webhook_id lead_id event_timestamp". The SMTP sink (asyncio, one event loop, PIPELINING) accepts every
message, logs "arrival_ms message_id" to emails.log and each new connection to its output.
Neither generates load: wrk and pgbench do that.
"""
import argparse
import asyncio
import json
import random
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


class SmtpSession:
    """One SMTP connection (RFC 5321): EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; commands may be pipelined."""

    def __init__(self, reader, writer, emails):
        self.reader, self.writer, self.emails = reader, writer, emails
        self.sender, self.recipients = None, []

    def reply(self, line):
        self.writer.write(line.encode() + b"\r\n")

    async def run(self):
        self.reply("220 sink ESMTP ready")
        while True:
            line = await self.reader.readline()
            if not line:
                break
            command, _, arg = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            verb = command.upper()
            if verb == "EHLO":
                self.sender, self.recipients = None, []
                self.writer.write(b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 33554432\r\n")
            elif verb == "HELO":
                self.sender, self.recipients = None, []
                self.reply("250 sink")
            elif verb == "MAIL":
                self.sender, self.recipients = arg, []
                self.reply("250 OK")
            elif verb == "RCPT":
                if self.sender is None:
                    self.reply("503 need MAIL first")
                else:
                    self.recipients.append(arg)
                    self.reply("250 OK")
            elif verb == "DATA":
                if not self.recipients:
                    self.reply("503 need RCPT first")
                    continue
                self.reply("354 end data with <CR><LF>.<CR><LF>")
                await self.writer.drain()
                if not await self.data():
                    break
                self.sender, self.recipients = None, []
                self.reply("250 OK queued")
            elif verb == "RSET":
                self.sender, self.recipients = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                break
            else:
                self.reply("502 command not implemented")
            if self.writer.transport.get_write_buffer_size() > 65536:
                await self.writer.drain()
        await self.writer.drain()
        self.writer.close()

    async def data(self):
        """Reads the message up to the lone dot, undoing dot-stuffing; logs its Message-ID. False if the peer left."""
        message_id, in_headers = "-", True
        while True:
            line = await self.reader.readline()
            if not line:
                return False
            if line in (b".\r\n", b".\n"):
                break
            if line.startswith(b"."):
                line = line[1:]
            if in_headers:
                if line in (b"\r\n", b"\n"):
                    in_headers = False
                elif message_id == "-" and line[:11].lower() == b"message-id:":
                    message_id = line[11:].decode("utf-8", "replace").strip()
        self.emails.write("%d %s\n" % (time.time() * 1000, message_id))
        self.emails.flush()
        return True


async def smtp_sink(port, path):
    emails = open(path, "a")

    async def session(reader, writer):
        # Like a tuned relay: answer each SMTP command at once instead of letting Nagle hold small replies back.
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        print("smtp connection", flush=True)
        try:
            await SmtpSession(reader, writer, emails).run()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass

    server = await asyncio.start_server(session, "127.0.0.1", port, limit=1 << 20, backlog=512)
    print("sink ready", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http", type=int, required=True)
    parser.add_argument("--smtp", type=int, required=True)
    parser.add_argument("--fail", type=float, default=0.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    threading.Thread(target=receiver, args=(args.http, args.fail, args.out + "/webhooks.log"), daemon=True).start()
    asyncio.run(smtp_sink(args.smtp, args.out + "/emails.log"))


if __name__ == "__main__":
    sys.exit(main())
