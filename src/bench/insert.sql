-- pgbench: the rows one accepted submission writes, in one transaction (lead, submission, three timeline events,
-- the sales email and the webhook), with payloads of about the app's size. Outbox rows are written as DELIVERED so
-- that the running app does not send them.
BEGIN;
INSERT INTO lead (public_id, email, email_key, name, form_id, score, verdict, grade, created_at, updated_at)
  VALUES (gen_random_uuid()::text, 'pg-' || gen_random_uuid() || '@bench.example', 'pg-' || gen_random_uuid() || '@bench.example',
          'Bench Lead', 'bench', 100, 'qualified', NULL, now(), now()) RETURNING id \gset
INSERT INTO submission (public_id, lead_id, form_id, form_version, form_hash, answers_hash, answers, hidden_fields, language,
                        score, verdict, knockouts, ledger, submitted_at)
  VALUES (gen_random_uuid()::text, :id, 'bench', 'abcdef012345', repeat('a', 64), repeat('b', 64),
          '{"fit":["yes"],"name":["Bench Lead"],"email":["pg@bench.example"]}', '{}', 'en', 100, 'qualified', '[]',
          '[{"question":"fit","answer":"Yes","dimension":"fit","points":100,"counted":true,"reason":"Is this a fit? Yes: +100 fit"}]', now());
INSERT INTO lead_event (lead_id, type, detail, occurred_at) VALUES (:id, 'submitted', 'bench abcdef012345: qualified with 100', now()),
  (:id, 'lead.qualified', NULL, now()), (:id, 'alert.queued', 'sales@bench.example', now());
INSERT INTO outbox_message (message_id, channel, event_type, destination, subject_ref, payload, status, attempts, next_attempt_at, created_at)
  VALUES ('msg_pg_' || gen_random_uuid(), 'EMAIL', 'lead.qualified', 'sales@bench.example', 'pg', repeat('e', 3000), 'DELIVERED', 0, now(), now()),
         ('msg_pg_' || gen_random_uuid(), 'WEBHOOK', 'lead.qualified', 'http://127.0.0.1/hooks/leads', 'pg', repeat('w', 1500), 'DELIVERED', 0, now(), now());
END;
