-- Seeds leads :first..:last of form :form, as the live app would have stored them, from the templates: one lead per
-- answer combination that the running app scored through its API (email tpl-N@backtest.example). A seeded submission
-- copies its template's answers, score, verdict, grade, knockouts, ledger, form version and hash (with the lead's own
-- email in the answers and answers_hash), because the live engine scores a submission at its own moment: its answers
-- are fresh then. Used by backtest.sh:
--   psql -v first=1 -v last=199808 -v form=backtest -v now=2026-11-23T10:00:00Z -f backtest-seed.sql
-- Per lead, all drawn from a hash of its number (the same data on every run):
--   * a first submission (trust FIRST) at a time spread evenly over the two years before :now;
--   * 30 % of the leads that land in nurture answer a re-qualification follow-up 91 to 211 days later (trust
--     VERIFIED, once their timeframe answer has aged out): the follow-up stores only the new timeframe and the email,
--     and its score is the live engine's on all the lead's answers, which is the template of the combined answers
--     (only the timeframe dimension ages, and the follow-up answers it afresh);
--   * 4 % of the leads are sent again by someone with the same address 1 to 60 days later (trust REPEAT), scored on
--     its own answers, raising the lead's verdict only;
--   * the lead row carries the verdict the live engine left it with, a "submitted" timeline row per submission and a
--     delivered sales email per qualifying submission;
--   * closed deals for leads older than two weeks: 8 % of qualified, 2.5 % of nurtured and 0.3 % of disqualified
--     leads, won more often by urgent needs, influencers and decision makers, with amounts by company size.
\set ON_ERROR_STOP on
BEGIN;

CREATE FUNCTION pg_temp.r(i bigint, k bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS $$ SELECT (hashint8extended(i, k) & 9007199254740991)::float8 / 9007199254740992.0 $$;
CREATE FUNCTION pg_temp.rank(verdict text) RETURNS int LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE verdict WHEN 'qualified' THEN 2 WHEN 'nurture' THEN 1 ELSE 0 END $$;
CREATE FUNCTION pg_temp.days(d float8) RETURNS interval LANGUAGE sql IMMUTABLE
  AS $$ SELECT make_interval(secs => d * 86400) $$;
CREATE FUNCTION pg_temp.sha(text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') $$;

-- The templates, with the answers as Java's TreeMap.toString() prints them (what answers_hash is taken of).
CREATE TEMP TABLE tpl ON COMMIT DROP AS
SELECT s.form_id, s.answers, s.answers_hash, s.score, s.verdict, s.grade, s.knockouts, s.ledger, s.form_version, s.form_hash,
       s.hidden_fields, s.language, s.request_hash, l.email,
       s.answers::jsonb -> 'size' ->> 0 AS size, s.answers::jsonb -> 'need' ->> 0 AS need,
       s.answers::jsonb -> 'timeframe' ->> 0 AS timeframe, s.answers::jsonb -> 'role' ->> 0 AS role,
       '{' || (SELECT string_agg(key || '=[' || (SELECT string_agg(v, ', ') FROM jsonb_array_elements_text(value) v) || ']',
                                 ', ' ORDER BY key COLLATE "C")
               FROM jsonb_each(s.answers::jsonb)) || '}' AS treemap
FROM submission s JOIN lead l ON l.id = s.lead_id
WHERE s.form_id = :'form' AND l.email LIKE 'tpl-%' AND s.trust = 'FIRST';

DO $$ BEGIN
  IF (SELECT count(*) FROM tpl) <> 192 THEN RAISE EXCEPTION 'expected 192 templates, found %', (SELECT count(*) FROM tpl); END IF;
  IF EXISTS (SELECT 1 FROM tpl WHERE pg_temp.sha(form_id || E'\n' || treemap) <> answers_hash) THEN
    RAISE EXCEPTION 'answers_hash is not reproduced from a template''s answers';
  END IF;
END $$;

-- What happens to each lead.
CREATE TEMP TABLE plan ON COMMIT DROP AS
WITH base AS (
  SELECT i, 'lead-' || i || '@backtest.example' AS email,
         :'now'::timestamptz - pg_temp.days(730 * pg_temp.r(i, 5)) AS t0,
         CASE WHEN pg_temp.r(i, 1) < 0.35 THEN '1-10' WHEN pg_temp.r(i, 1) < 0.65 THEN '11-50'
              WHEN pg_temp.r(i, 1) < 0.90 THEN '51-500' ELSE '500-plus' END AS size,
         CASE WHEN pg_temp.r(i, 2) < 0.25 THEN 'urgent' WHEN pg_temp.r(i, 2) < 0.70 THEN 'important' ELSE 'nice' END AS need,
         CASE WHEN pg_temp.r(i, 3) < 0.15 THEN 'this-month' WHEN pg_temp.r(i, 3) < 0.45 THEN 'quarter'
              WHEN pg_temp.r(i, 3) < 0.80 THEN 'this-year' ELSE 'no-plans' END AS timeframe,
         CASE WHEN pg_temp.r(i, 4) < 0.30 THEN 'decision-maker' WHEN pg_temp.r(i, 4) < 0.65 THEN 'influencer'
              WHEN pg_temp.r(i, 4) < 0.95 THEN 'researcher' ELSE 'student' END AS role,
         CASE WHEN pg_temp.r(i, 8) < 0.30 THEN 'this-month' WHEN pg_temp.r(i, 8) < 0.70 THEN 'quarter'
              WHEN pg_temp.r(i, 8) < 0.90 THEN 'this-year' ELSE 'no-plans' END AS fu_timeframe,
         (ARRAY['1-10', '11-50', '51-500', '500-plus'])[1 + floor(pg_temp.r(i, 11) * 4)::int] AS rep_size,
         (ARRAY['urgent', 'important', 'nice'])[1 + floor(pg_temp.r(i, 12) * 3)::int] AS rep_need,
         (ARRAY['this-month', 'quarter', 'this-year', 'no-plans'])[1 + floor(pg_temp.r(i, 13) * 4)::int] AS rep_timeframe,
         (ARRAY['decision-maker', 'influencer', 'researcher', 'student'])[1 + floor(pg_temp.r(i, 14) * 4)::int] AS rep_role
  FROM generate_series(:first::bigint, :last::bigint) i
), timed AS (
  SELECT b.*, f.verdict AS v1,
         CASE WHEN f.verdict = 'nurture' AND pg_temp.r(i, 6) < 0.30
                   AND b.t0 + pg_temp.days(91 + 120 * pg_temp.r(i, 7)) < :'now'::timestamptz
              THEN b.t0 + pg_temp.days(91 + 120 * pg_temp.r(i, 7)) END AS t_fu,
         CASE WHEN pg_temp.r(i, 9) < 0.04 AND b.t0 + pg_temp.days(1 + 59 * pg_temp.r(i, 10)) < :'now'::timestamptz
              THEN b.t0 + pg_temp.days(1 + 59 * pg_temp.r(i, 10)) END AS t_rep
  FROM base b JOIN tpl f ON (f.size, f.need, f.timeframe, f.role) = (b.size, b.need, b.timeframe, b.role)
)
SELECT t.*, fu.verdict AS v_fu, rep.verdict AS v_rep,
       -- Which submission set the lead's verdict last: a follow-up always does, a repeat only when it raises it.
       CASE WHEN t_fu IS NULL AND t_rep IS NULL THEN 'first'
            WHEN t_rep IS NULL THEN 'followup'
            WHEN t_fu IS NULL THEN CASE WHEN pg_temp.rank(rep.verdict) > pg_temp.rank(t.v1) THEN 'repeat' ELSE 'first' END
            WHEN t_rep < t_fu THEN 'followup'
            ELSE CASE WHEN pg_temp.rank(rep.verdict) > pg_temp.rank(fu.verdict) THEN 'repeat' ELSE 'followup' END
       END AS lead_from,
       -- Whether the repeat raised the verdict it met.
       t_rep IS NOT NULL AND pg_temp.rank(rep.verdict) > pg_temp.rank(
         CASE WHEN t_fu IS NOT NULL AND t_fu < t_rep THEN fu.verdict ELSE t.v1 END) AS rep_raises
FROM timed t
LEFT JOIN tpl fu ON t.t_fu IS NOT NULL
                AND (fu.size, fu.need, fu.timeframe, fu.role) = (t.size, t.need, t.fu_timeframe, t.role)
LEFT JOIN tpl rep ON t.t_rep IS NOT NULL
                 AND (rep.size, rep.need, rep.timeframe, rep.role) = (t.rep_size, t.rep_need, t.rep_timeframe, t.rep_role);

-- The submissions, each with the template that holds its live score.
CREATE TEMP TABLE sub ON COMMIT DROP AS
SELECT p.i, p.email, 'FIRST' AS trust, p.t0 AS at, p.size, p.need, p.timeframe, p.role, true AS sets_lead
FROM plan p
UNION ALL
SELECT p.i, p.email, 'VERIFIED', p.t_fu, p.size, p.need, p.fu_timeframe, p.role, true FROM plan p WHERE p.t_fu IS NOT NULL
UNION ALL
SELECT p.i, p.email, 'REPEAT', p.t_rep, p.rep_size, p.rep_need, p.rep_timeframe, p.rep_role, p.rep_raises
FROM plan p WHERE p.t_rep IS NOT NULL;

-- Leads, in the order they arrived (ids follow time, as in the live app), with the verdict they were left with.
INSERT INTO lead (public_id, email, email_key, name, form_id, score, verdict, grade, created_at, updated_at)
SELECT gen_random_uuid()::text, p.email, p.email, 'Bench Lead', :'form', t.score, t.verdict, t.grade, p.t0,
       CASE p.lead_from WHEN 'first' THEN p.t0 WHEN 'followup' THEN p.t_fu ELSE p.t_rep END
FROM plan p
JOIN tpl t ON t.size = CASE p.lead_from WHEN 'repeat' THEN p.rep_size ELSE p.size END
           AND t.need = CASE p.lead_from WHEN 'repeat' THEN p.rep_need ELSE p.need END
           AND t.timeframe = CASE p.lead_from WHEN 'first' THEN p.timeframe WHEN 'followup' THEN p.fu_timeframe
                                              ELSE p.rep_timeframe END
           AND t.role = CASE p.lead_from WHEN 'repeat' THEN p.rep_role ELSE p.role END
ORDER BY p.t0;

CREATE TEMP TABLE ids ON COMMIT DROP AS
SELECT p.i, l.id AS lead_id, l.public_id FROM plan p JOIN lead l ON l.email_key = p.email;

-- Submissions in the order they arrived. A follow-up stores the questions it asked and the email, in the form's order.
INSERT INTO submission (public_id, lead_id, form_id, form_version, form_hash, idempotency_key, answers_hash, answers,
                        hidden_fields, referrer, language, score, verdict, grade, knockouts, ledger, ip, submitted_at,
                        trust, request_hash)
SELECT gen_random_uuid()::text, ids.lead_id, :'form', t.form_version, t.form_hash, NULL,
       CASE WHEN s.trust = 'VERIFIED'
            THEN pg_temp.sha(:'form' || E'\n' || '{email=[' || s.email || '], timeframe=[' || s.timeframe || ']}')
            ELSE pg_temp.sha(:'form' || E'\n' || replace(t.treemap, t.email, s.email)) END,
       CASE WHEN s.trust = 'VERIFIED'
            THEN '{"timeframe":["' || s.timeframe || '"],"email":["' || s.email || '"]}'
            ELSE replace(t.answers, '"' || t.email || '"', '"' || s.email || '"') END,
       t.hidden_fields, NULL, t.language, t.score, t.verdict, t.grade, t.knockouts, t.ledger,
       '198.51.100.' || (s.i % 250 + 1), s.at, s.trust, t.request_hash
FROM sub s
JOIN ids USING (i)
JOIN tpl t ON (t.size, t.need, t.timeframe, t.role) = (s.size, s.need, s.timeframe, s.role)
ORDER BY s.at;

-- The timeline's "submitted" rows, as SubmissionStore describes each submission.
INSERT INTO lead_event (lead_id, type, detail, occurred_at)
SELECT ids.lead_id, 'submitted',
       :'form' || ' ' || t.form_version || ': ' || t.verdict || ' with ' || t.score
         || CASE WHEN t.knockouts <> '[]' THEN ', knockout ' || (SELECT string_agg(k, ', ') FROM jsonb_array_elements_text(t.knockouts::jsonb) k) ELSE '' END
         || CASE s.trust WHEN 'VERIFIED' THEN ' (email verified)'
                         WHEN 'REPEAT' THEN ' (repeat, email not verified: '
                                             || CASE WHEN s.sets_lead THEN 'raised the lead to ' || t.verdict ELSE 'the lead stays' END || ')'
                         ELSE '' END,
       s.at
FROM sub s JOIN ids USING (i)
JOIN tpl t ON (t.size, t.need, t.timeframe, t.role) = (s.size, s.need, s.timeframe, s.role)
ORDER BY s.at;

-- The sales email of every submission that qualified its lead, delivered long ago.
INSERT INTO outbox_message (message_id, channel, event_type, destination, subject_ref, payload, status, attempts,
                            next_attempt_at, created_at, completed_at)
SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'EMAIL', 'lead.qualified', 'sales@bench.example', ids.public_id,
       repeat('e', 3000), 'DELIVERED', 1, s.at, s.at, s.at + interval '2 seconds'
FROM sub s JOIN ids USING (i)
JOIN tpl t ON (t.size, t.need, t.timeframe, t.role) = (s.size, s.need, s.timeframe, s.role)
WHERE s.sets_lead AND t.verdict = 'qualified'
ORDER BY s.at;

-- Closed deals, as sales reported them, and their timeline rows.
CREATE TEMP TABLE deal ON COMMIT DROP AS
SELECT ids.lead_id, p.i,
       CASE WHEN pg_temp.r(p.i, 21) < 0.25 + CASE p.need WHEN 'urgent' THEN 0.20 ELSE 0 END
                                          + CASE p.role WHEN 'influencer' THEN 0.20 WHEN 'decision-maker' THEN 0.10 ELSE 0 END
                                          + CASE p.size WHEN '11-50' THEN 0.10 ELSE 0 END
            THEN 'won' ELSE 'lost' END AS status,
       round((CASE p.size WHEN '1-10' THEN 4000 WHEN '11-50' THEN 12000 WHEN '51-500' THEN 35000 ELSE 90000 END
              * (0.5 + pg_temp.r(p.i, 22)))::numeric, -2)::numeric(14, 2) AS amount,
       least((p.t0 + pg_temp.days(20 + 70 * pg_temp.r(p.i, 23)))::date, :'now'::date) AS close_date
FROM plan p JOIN ids USING (i) JOIN lead l ON l.id = ids.lead_id
WHERE p.t0 < :'now'::timestamptz - interval '14 days'
  AND pg_temp.r(p.i, 20) < CASE l.verdict WHEN 'qualified' THEN 0.08 WHEN 'nurture' THEN 0.025 ELSE 0.003 END;

INSERT INTO lead_outcome (lead_id, status, amount, currency, close_date, reason, recorded_by, recorded_at)
SELECT lead_id, status, CASE status WHEN 'won' THEN amount END, CASE status WHEN 'won' THEN 'EUR' END, close_date,
       CASE WHEN status = 'won' THEN NULL WHEN pg_temp.r(i, 24) < 0.5 THEN 'Chose a competitor' ELSE 'No budget this year' END,
       'admin@localhost', least(close_date + time '16:30' , :'now'::timestamptz)
FROM deal ORDER BY close_date;

INSERT INTO lead_event (lead_id, type, detail, occurred_at)
SELECT lead_id, 'outcome', status || CASE status WHEN 'won' THEN ' ' || amount || ' EUR' ELSE '' END || ' by admin@localhost',
       least(close_date + time '16:30', :'now'::timestamptz)
FROM deal ORDER BY close_date;

COMMIT;
