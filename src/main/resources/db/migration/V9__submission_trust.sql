-- What a submission proves about who sent it: FIRST created its lead, REPEAT came for an email that already had a
-- lead and proves nothing (it can only raise the lead's verdict), VERIFIED proved the address (a confirmation link,
-- or a follow-up link sent by email). Submissions before this change were treated as the lead's own.
ALTER TABLE submission ADD COLUMN trust VARCHAR(10) DEFAULT 'FIRST' NOT NULL;
-- The body an Idempotency-Key was first used with, so that the same key with another body is refused.
ALTER TABLE submission ADD COLUMN request_hash VARCHAR(64);
-- When the lead's address was last proven by a confirmation link.
ALTER TABLE lead ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;

-- Submissions to forms with verify-email, held until the prospect follows the link emailed to the address given;
-- only a hash of the link's token is kept. They expire unconfirmed, and erasure removes them by email key.
CREATE TABLE held_submission (
    id                    BIGSERIAL PRIMARY KEY,
    public_id             VARCHAR(36)  NOT NULL UNIQUE,
    token_hash            VARCHAR(64)  NOT NULL UNIQUE,
    form_id               VARCHAR(100) NOT NULL,
    email_key             VARCHAR(320) NOT NULL,
    request               TEXT         NOT NULL,
    idempotency_key       VARCHAR(128) UNIQUE,
    request_hash          VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at          TIMESTAMP WITH TIME ZONE,
    submission_public_id  VARCHAR(36)
);
CREATE INDEX held_submission_email ON held_submission (email_key);
CREATE INDEX held_submission_expiry ON held_submission (expires_at);
