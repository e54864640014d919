-- One row per person, found again by the normalized email address.
CREATE TABLE lead (
    id             BIGSERIAL PRIMARY KEY,
    public_id      VARCHAR(36)  NOT NULL UNIQUE,
    email          VARCHAR(320) NOT NULL,
    email_key      VARCHAR(320) NOT NULL UNIQUE,
    name           VARCHAR(200),
    form_id        VARCHAR(100) NOT NULL,
    score          INTEGER      NOT NULL,
    verdict        VARCHAR(20)  NOT NULL,
    grade          VARCHAR(1),
    assigned_rep   VARCHAR(320),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lead_form_created ON lead (form_id, created_at);
CREATE INDEX lead_verdict ON lead (verdict);

-- Every questionnaire a lead sent, with exactly what was asked (form version), answered and concluded.
CREATE TABLE submission (
    id               BIGSERIAL PRIMARY KEY,
    public_id        VARCHAR(36)  NOT NULL UNIQUE,
    lead_id          BIGINT       NOT NULL REFERENCES lead (id),
    form_id          VARCHAR(100) NOT NULL,
    form_version     VARCHAR(100) NOT NULL,
    form_hash        VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(128) UNIQUE,
    answers_hash     VARCHAR(64)  NOT NULL,
    answers          TEXT         NOT NULL,
    hidden_fields    TEXT         NOT NULL,
    referrer         VARCHAR(2000),
    language         VARCHAR(20),
    score            INTEGER      NOT NULL,
    verdict          VARCHAR(20)  NOT NULL,
    grade            VARCHAR(1),
    knockouts        TEXT         NOT NULL,
    ledger           TEXT         NOT NULL,
    ip               VARCHAR(45),
    submitted_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX submission_lead ON submission (lead_id, submitted_at);
CREATE INDEX submission_form ON submission (form_id, submitted_at);

-- Consent as given: who, when, from where, and the hash of the exact text shown.
CREATE TABLE consent (
    id             BIGSERIAL PRIMARY KEY,
    lead_id        BIGINT       NOT NULL REFERENCES lead (id),
    submission_id  BIGINT       NOT NULL REFERENCES submission (id),
    form_id        VARCHAR(100) NOT NULL,
    form_version   VARCHAR(100) NOT NULL,
    question_id    VARCHAR(100) NOT NULL,
    language       VARCHAR(20)  NOT NULL,
    text_hash      VARCHAR(64)  NOT NULL,
    given_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ip             VARCHAR(45)
);
CREATE INDEX consent_lead ON consent (lead_id);

-- What happened to a lead, in order: submitted, alerted, re-qualified, assigned, outcome...
CREATE TABLE lead_event (
    id             BIGSERIAL PRIMARY KEY,
    lead_id        BIGINT       NOT NULL REFERENCES lead (id),
    type           VARCHAR(40)  NOT NULL,
    detail         TEXT,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lead_event_lead ON lead_event (lead_id, occurred_at);

-- How many leads each rep of a form has been given, locked while assigning so instances take turns fairly.
CREATE TABLE rep_load (
    form_id        VARCHAR(100) NOT NULL,
    rep_email      VARCHAR(320) NOT NULL,
    assigned       BIGINT       NOT NULL,
    PRIMARY KEY (form_id, rep_email)
);

-- Messages to send, written in the same transaction as what caused them; workers claim due rows.
CREATE TABLE outbox_message (
    id               BIGSERIAL PRIMARY KEY,
    message_id       VARCHAR(64)   NOT NULL UNIQUE,
    channel          VARCHAR(20)   NOT NULL,
    event_type       VARCHAR(60)   NOT NULL,
    destination      VARCHAR(2000) NOT NULL,
    endpoint_key     VARCHAR(200),
    subject_ref      VARCHAR(64),
    payload          TEXT          NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner      VARCHAR(100),
    lease_until      TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outbox_message_due ON outbox_message (status, next_attempt_at);
CREATE INDEX outbox_message_subject ON outbox_message (subject_ref);
