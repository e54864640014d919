-- The mailbox a held submission's confirmation link goes to, with the spellings one mailbox accepts folded together
-- (Gmail ignores dots), so that the daily ceiling on confirmation links counts per inbox.
ALTER TABLE held_submission ADD COLUMN mailbox VARCHAR(320);
UPDATE held_submission SET mailbox = email_key;
CREATE INDEX held_submission_mailbox ON held_submission (mailbox, created_at);
