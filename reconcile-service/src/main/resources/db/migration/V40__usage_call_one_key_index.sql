-- usage_call had two B-trees on random keys: the primary key on dedupe_key (each poll's COPY fails on it when a call
-- was stored before) and usage_call_request (verdicts and bills find calls by request id). Every call stored wrote an
-- entry into both, and at 10,000,000 traces the COPY was 28% of the fold's statement time, about one WAL record per
-- index entry. One unique index on (request_id, dedupe_key) does both jobs: request_id leads, so a lookup by request id
-- uses it, and it rejects a second copy of a call, because the dedupe key fixes the request id ("req:<provider>:<id>"
-- when the call has one; a span or a hash of the trace, whose request id is absent or blank, otherwise; ingest
-- publishes one trace per dedupe key). Nulls not distinct, so calls without a request id are checked too.
create unique index usage_call_request_key on usage_call (request_id, dedupe_key) nulls not distinct;
alter table usage_call drop constraint usage_call_pkey;
drop index usage_call_request;
