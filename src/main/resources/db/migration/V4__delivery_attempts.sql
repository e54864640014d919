-- Every attempt to deliver a message: when, how long, what came back.
CREATE TABLE delivery_attempt (
    id              BIGSERIAL PRIMARY KEY,
    message_id      VARCHAR(64)   NOT NULL,
    attempt         INTEGER       NOT NULL,
    attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    latency_ms      BIGINT        NOT NULL,
    status_code     INTEGER,
    outcome         VARCHAR(20)   NOT NULL,
    error           VARCHAR(2000),
    response_excerpt VARCHAR(2048)
);
CREATE INDEX delivery_attempt_message ON delivery_attempt (message_id, attempt);

-- Endpoints that answered 410 Gone, or failed for days, stop receiving until someone enables them again.
CREATE TABLE webhook_endpoint_state (
    endpoint_key    VARCHAR(200) PRIMARY KEY,
    disabled_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason          VARCHAR(500) NOT NULL
);
