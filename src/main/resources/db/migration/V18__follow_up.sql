-- Every alert of a qualified lead to a rep, and its follow-up deadline (routing.qualified.follow-up): due_at is set
-- while the rep has to accept the lead or record an outcome, and cleared in the transaction that ends the wait (why in
-- ended). Each instance's poller claims due rows with FOR UPDATE SKIP LOCKED. Turn 0 is the first alert, turn n the
-- n-th reassignment. Reports read alerted_at as the start of the time to first human response.
CREATE TABLE follow_up (
    id          BIGSERIAL    PRIMARY KEY,
    lead_id     BIGINT       NOT NULL REFERENCES lead (id) ON DELETE CASCADE,
    rep_email   VARCHAR(320) NOT NULL,
    turn        INTEGER      NOT NULL,
    alerted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE,
    ended       VARCHAR(20),
    ended_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX follow_up_due ON follow_up (due_at);
CREATE INDEX follow_up_lead ON follow_up (lead_id, id);
