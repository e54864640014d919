-- Accounts end or pause: a disabled user's sessions and tokens stop working at once; tokens may expire.
ALTER TABLE app_user ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- Failed sign-ins per account and per client address (keyed hashes), shared by every instance: past a few failures
-- each further attempt waits longer, and is refused before any password is checked.
CREATE TABLE login_throttle (
    subject          VARCHAR(64) PRIMARY KEY,
    failures         INTEGER     NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until    TIMESTAMP WITH TIME ZONE
);
