-- A lead's place in a nurture sequence. Only active enrolments have a due time, so the due-time index holds
-- just the rows the worker looks for, however many leads finished their sequences.
CREATE TABLE nurture_enrolment (
    id            BIGSERIAL PRIMARY KEY,
    lead_id       BIGINT       NOT NULL REFERENCES lead (id),
    form_id       VARCHAR(100) NOT NULL,
    sequence_id   VARCHAR(100) NOT NULL,
    language      VARCHAR(10)  NOT NULL,
    next_step     INTEGER      NOT NULL,
    next_due_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(20)  NOT NULL,
    exit_reason   VARCHAR(40),
    enrolled_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sent_at  TIMESTAMP WITH TIME ZONE,
    ended_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX nurture_enrolment_due ON nurture_enrolment (next_due_at);
CREATE INDEX nurture_enrolment_lead ON nurture_enrolment (lead_id);

-- What each step achieved, without personal data and without tracking pixels: sent, clicked (the re-qualification
-- link), requalified, unsubscribed.
CREATE TABLE nurture_event (
    id           BIGSERIAL PRIMARY KEY,
    sequence_id  VARCHAR(100) NOT NULL,
    step_id      VARCHAR(100) NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX nurture_event_step ON nurture_event (sequence_id, step_id, kind);
