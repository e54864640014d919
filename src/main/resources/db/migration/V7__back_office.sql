-- Back-office users (passwords as bcrypt hashes) and their API tokens (SHA-256 hashes only).
CREATE TABLE app_user (
    id             BIGSERIAL PRIMARY KEY,
    email          VARCHAR(320) NOT NULL UNIQUE,
    name           VARCHAR(200),
    password_hash  VARCHAR(100) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_token (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES app_user (id),
    name        VARCHAR(200) NOT NULL,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);

-- What sales reported back for a lead: won, lost or open, with the deal's amount; one current outcome per lead.
CREATE TABLE lead_outcome (
    lead_id      BIGINT        PRIMARY KEY REFERENCES lead (id),
    status       VARCHAR(10)   NOT NULL,
    amount       NUMERIC(14,2),
    currency     VARCHAR(3),
    close_date   DATE,
    reason       VARCHAR(500),
    recorded_by  VARCHAR(320)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX lead_outcome_status ON lead_outcome (status);
