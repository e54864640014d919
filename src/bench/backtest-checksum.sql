-- "It changes nothing": per table that a lead's history lives in, the row count and an order-independent checksum of
-- every row's full text (the sum of the first 60 bits of each row's MD5). backtest.sh compares the output taken
-- before and after a backtest.
SELECT 'lead', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM lead t
UNION ALL SELECT 'submission', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM submission t
UNION ALL SELECT 'lead_outcome', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM lead_outcome t
UNION ALL SELECT 'lead_event', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM lead_event t
UNION ALL SELECT 'outbox_message', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM outbox_message t
UNION ALL SELECT 'consent', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM consent t
UNION ALL SELECT 'nurture_enrolment', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM nurture_enrolment t
UNION ALL SELECT 'form_document', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM form_document t
UNION ALL SELECT 'form_document_version', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM form_document_version t
UNION ALL SELECT 'form_audit', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM form_audit t
UNION ALL SELECT 'delivery_attempt', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM delivery_attempt t
UNION ALL SELECT 'held_submission', count(*), coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint::numeric), 0) FROM held_submission t;
