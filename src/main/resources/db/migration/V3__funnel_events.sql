-- Anonymous progress through forms: views, starts, steps, answered questions, completions. No personal data.
CREATE TABLE funnel_event (
    id           BIGSERIAL PRIMARY KEY,
    form_id      VARCHAR(100) NOT NULL,
    form_version VARCHAR(100) NOT NULL,
    type         VARCHAR(20)  NOT NULL,
    detail       VARCHAR(100),
    visit        VARCHAR(40),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX funnel_event_form ON funnel_event (form_id, occurred_at);
