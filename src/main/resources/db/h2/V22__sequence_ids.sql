-- H2 keeps the sequences of its identity columns to itself, so dev mode gets named ones as PostgreSQL has. Each
-- starts one block of 50 past the highest id, because Hibernate uses the 49 ids below each value it draws.
CREATE SEQUENCE lead_id_seq INCREMENT BY 50;
ALTER SEQUENCE lead_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM lead);
CREATE SEQUENCE submission_id_seq INCREMENT BY 50;
ALTER SEQUENCE submission_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM submission);
CREATE SEQUENCE consent_id_seq INCREMENT BY 50;
ALTER SEQUENCE consent_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM consent);
CREATE SEQUENCE lead_event_id_seq INCREMENT BY 50;
ALTER SEQUENCE lead_event_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM lead_event);
CREATE SEQUENCE outbox_message_id_seq INCREMENT BY 50;
ALTER SEQUENCE outbox_message_id_seq RESTART WITH (SELECT COALESCE(MAX(id), 0) + 50 FROM outbox_message);
