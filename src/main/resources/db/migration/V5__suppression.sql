-- Addresses that opted out (or bounced, or were erased), as keyed hashes only.
CREATE TABLE suppression (
    email_hash  VARCHAR(64) PRIMARY KEY,
    reason      VARCHAR(20) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
