-- Marketing email waits behind everything else: 100,000 nurture steps falling due at once must not hold a sales alert
-- back for minutes. 0: alerts, webhooks and every other transactional message; 1: marketing email. The claim takes
-- the lowest priority first, then the earliest due.
ALTER TABLE outbox_message ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
UPDATE outbox_message SET priority = 1 WHERE status = 'PENDING' AND event_type = 'nurture.step';
DROP INDEX outbox_message_due;
CREATE INDEX outbox_message_due ON outbox_message (status, priority, next_attempt_at, id);
