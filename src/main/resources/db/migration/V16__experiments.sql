-- A/B tests of questionnaire versions: each experiment serves two to four fixed texts of one form, split by share.
-- running_form_id is the form's id while the experiment runs and NULL once it ended, so that a unique constraint
-- keeps one running experiment per form on PostgreSQL and H2 alike (H2 has no partial indexes).
CREATE TABLE experiment (
    id              BIGSERIAL PRIMARY KEY,
    form_id         VARCHAR(100) NOT NULL,
    running_form_id VARCHAR(100),
    name            VARCHAR(200) NOT NULL,
    started_by      VARCHAR(320) NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_by        VARCHAR(320),
    ended_at        TIMESTAMP WITH TIME ZONE,
    winner          VARCHAR(1),
    promoted_version INTEGER,
    CONSTRAINT experiment_one_running UNIQUE (running_form_id)
);
CREATE INDEX experiment_form ON experiment (form_id, started_at);

CREATE TABLE experiment_variant (
    id            BIGSERIAL PRIMARY KEY,
    experiment_id BIGINT NOT NULL REFERENCES experiment (id),
    variant_key   VARCHAR(1) NOT NULL,
    origin        VARCHAR(40) NOT NULL,
    share         INTEGER NOT NULL,
    content       TEXT NOT NULL,
    content_hash  VARCHAR(64) NOT NULL,
    CONSTRAINT experiment_variant_key UNIQUE (experiment_id, variant_key)
);

ALTER TABLE submission ADD COLUMN experiment_id BIGINT;
ALTER TABLE submission ADD COLUMN variant VARCHAR(1);
CREATE INDEX submission_experiment ON submission (experiment_id, variant);

ALTER TABLE funnel_event ADD COLUMN experiment_id BIGINT;
ALTER TABLE funnel_event ADD COLUMN variant VARCHAR(1);
CREATE INDEX funnel_event_experiment ON funnel_event (experiment_id, variant, type);
