-- The exact form text a held (verify-email) submission answered, so that an experiment's variant is checked and
-- scored by its own questions when the prospect confirms.
ALTER TABLE held_submission ADD COLUMN form_hash VARCHAR(64);
