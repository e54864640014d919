-- What sales said of a lead: accepted, or not a fit with one of the form's reasons. One row per lead (the latest
-- word counts; a second click with the same word changes nothing), with who said it and when.
CREATE TABLE sales_feedback (
    lead_id      BIGINT       PRIMARY KEY REFERENCES lead (id),
    outcome      VARCHAR(10)  NOT NULL,
    reason       VARCHAR(40),
    recorded_by  VARCHAR(320) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sales_feedback_outcome ON sales_feedback (outcome);
