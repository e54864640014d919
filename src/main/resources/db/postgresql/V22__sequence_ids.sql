-- Ids of the rows every submission writes come from their sequences in blocks of 50, so that Hibernate can insert
-- them in batches; the next block starts after every id already used.
ALTER SEQUENCE lead_id_seq INCREMENT BY 50;
ALTER SEQUENCE submission_id_seq INCREMENT BY 50;
ALTER SEQUENCE consent_id_seq INCREMENT BY 50;
ALTER SEQUENCE lead_event_id_seq INCREMENT BY 50;
ALTER SEQUENCE outbox_message_id_seq INCREMENT BY 50;
