-- Ids of the rows every submission writes come from their sequences in blocks of 50, so that Hibernate can insert
-- them in batches. Each sequence is moved one block past the highest id, so that the first block drawn is a whole
-- one of unused ids (Hibernate uses the 49 ids below each value it draws), even on a fresh database where two
-- instances start at once.
ALTER SEQUENCE lead_id_seq INCREMENT BY 50;
ALTER SEQUENCE submission_id_seq INCREMENT BY 50;
ALTER SEQUENCE consent_id_seq INCREMENT BY 50;
ALTER SEQUENCE lead_event_id_seq INCREMENT BY 50;
ALTER SEQUENCE outbox_message_id_seq INCREMENT BY 50;
SELECT setval('lead_id_seq', COALESCE(MAX(id), 0) + 50) FROM lead;
SELECT setval('submission_id_seq', COALESCE(MAX(id), 0) + 50) FROM submission;
SELECT setval('consent_id_seq', COALESCE(MAX(id), 0) + 50) FROM consent;
SELECT setval('lead_event_id_seq', COALESCE(MAX(id), 0) + 50) FROM lead_event;
SELECT setval('outbox_message_id_seq', COALESCE(MAX(id), 0) + 50) FROM outbox_message;
