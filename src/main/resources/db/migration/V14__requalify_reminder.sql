-- When a nurtured lead asked to be invited to re-qualify (an answer such as "next quarter"); the enrolment stays
-- active after its steps until the reminder went out.
ALTER TABLE nurture_enrolment ADD COLUMN remind_at TIMESTAMP WITH TIME ZONE;
