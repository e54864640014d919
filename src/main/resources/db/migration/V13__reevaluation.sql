-- When the re-evaluation job last scored a lead again as its answers aged; it looks at a lead once a day at most.
ALTER TABLE lead ADD COLUMN reevaluated_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX lead_reevaluation ON lead (verdict, reevaluated_at);
