-- Lead sources judged by profit (issue 18.5).
-- Where an anonymous view came from: the page's UTM parameters and the referring site's domain (no path, no query,
-- nothing about the person), set on VIEW events only.
ALTER TABLE funnel_event ADD COLUMN utm_source VARCHAR(100);
ALTER TABLE funnel_event ADD COLUMN utm_medium VARCHAR(100);
ALTER TABLE funnel_event ADD COLUMN utm_campaign VARCHAR(100);
ALTER TABLE funnel_event ADD COLUMN referrer_domain VARCHAR(255);
CREATE INDEX funnel_event_type_time ON funnel_event (type, occurred_at);

-- What a source cost in a period: days from period_start to period_end, both included, spread evenly over them.
-- utm_medium and utm_campaign are '' for "the whole source" (not NULL, so that the unique key holds on PostgreSQL
-- and H2 alike): importing the same source and period again replaces its amount.
CREATE TABLE source_cost (
    id            BIGSERIAL PRIMARY KEY,
    utm_source    VARCHAR(100) NOT NULL,
    utm_medium    VARCHAR(100) NOT NULL DEFAULT '',
    utm_campaign  VARCHAR(100) NOT NULL DEFAULT '',
    period_start  DATE NOT NULL,
    period_end    DATE NOT NULL,
    amount        NUMERIC(14, 2) NOT NULL,
    currency      VARCHAR(3) NOT NULL,
    recorded_by   VARCHAR(320) NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT source_cost_period CHECK (period_end >= period_start),
    CONSTRAINT source_cost_key UNIQUE (utm_source, utm_medium, utm_campaign, period_start, period_end)
);
CREATE INDEX source_cost_period_start ON source_cost (period_start, period_end);
