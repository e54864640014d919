-- The claim walks due messages in (next_attempt_at, id) order and stops at its limit; with id in the index it reads
-- only the rows it takes, instead of sorting every pending message (66 ms a claim with 60,000 pending).
DROP INDEX outbox_message_due;
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at, id);
