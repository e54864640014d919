-- Hits per rate-limit bucket (a keyed hash of an IP address, an email key or an account) and fixed window, shared by
-- every instance so that limits hold behind a load balancer. Old windows are deleted as they pass.
CREATE TABLE rate_counter (
    bucket        VARCHAR(64) NOT NULL,
    window_start  BIGINT      NOT NULL,
    hits          INTEGER     NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_counter_window ON rate_counter (window_start);
