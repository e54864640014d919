#!/usr/bin/env python3
"""Checks the production proof's outcome: no accepted lead lost, no concurrent double-send, no half-written lead."""
import json
import os
import re
import sys

OUT = sys.argv[1]


def read(name):
    path = os.path.join(OUT, name)
    return open(path).read() if os.path.exists(path) else ""


numbers = dict(line.strip().split("=", 1) for line in read("numbers.env").splitlines() if "=" in line)
accepted = set(read("accepted.txt").split())
spike_accepted = set(read("accepted-spike.txt").split())
spike = json.loads(read("spike.json"))["spike"] if read("spike.json") else {"planned": 0, "accepted": 0, "refused": 0}
accepted |= spike_accepted
messages = {}
for line in read("messages.txt").splitlines():
    lead, channel, message_id, status = line.split()
    messages.setdefault(lead, {})[channel] = (message_id, status)
webhook_ids = {}
for line in read("webhooks.log").splitlines():
    parts = line.split()
    if len(parts) == 4:
        webhook_ids[parts[1]] = webhook_ids.get(parts[1], 0) + 1
emails = set(line.split()[1].strip("<>").split("@")[0] for line in read("emails.log").splitlines() if len(line.split()) == 2)
wrk = read("wrk.txt")
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)

lost_leads = [lead for lead in accepted if lead not in messages]
lost_webhooks = [lead for lead in accepted if lead in messages and messages[lead].get("WEBHOOK", ("-",))[0] not in webhook_ids]
lost_emails = [lead for lead in accepted if lead in messages and messages[lead].get("EMAIL", ("-",))[0] not in emails]
spike_lost = [lead for lead in spike_accepted if lead in lost_leads or lead in lost_webhooks or lead in lost_emails]
overlaps = [line for line in read("overlaps.txt").splitlines() if line.strip()]
result = {
    "accepted": len(accepted),
    "spike_planned": spike["planned"],
    "spike_accepted": len(spike_accepted),
    "spike_refused": spike["refused"],
    "spike_latency_p99_ms": spike.get("latency_p99_ms"),
    "spike_lost_leads_webhooks_or_emails": len(spike_lost),
    "leads_in_database": int(numbers["leads_in_db"]),
    "refused_during_faults": int(non2xx.group(1)) if non2xx else 0,
    "answer_while_database_down": numbers["during_outage"],
    "database_down_ms": int(numbers["outage_ms"]),
    "lost_leads": len(lost_leads),
    "lost_webhooks": len(lost_webhooks),
    "lost_sales_emails": len(lost_emails),
    "webhooks_delivered_more_than_once": sum(1 for count in webhook_ids.values() if count > 1),
    "concurrent_double_sends": len(overlaps),
    "half_written_leads": int(numbers["half_written"]),
    "messages_pending": int(numbers["pending"]),
    "messages_failed": int(numbers["failed"]),
    "delivery_attempts": int(numbers["attempts"]),
}
json.dump(result, open(os.path.join(OUT, "proof.json"), "w"), indent=2)
for key, value in result.items():
    print("%-34s %s" % (key, value))
ok = (result["lost_leads"] == 0 and result["lost_webhooks"] == 0 and result["lost_sales_emails"] == 0
      and result["concurrent_double_sends"] == 0 and result["half_written_leads"] == 0 and numbers["during_outage"] == "503"
      and result["accepted"] > 0 and result["spike_refused"] == 0 and result["spike_accepted"] == spike["planned"])
print("\nproof: %s" % ("PASSED: nothing lost, nothing sent twice at once" if ok else "FAILED"))
sys.exit(0 if ok else 1)
