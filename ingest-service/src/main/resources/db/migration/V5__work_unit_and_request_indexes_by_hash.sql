-- A trace's or outcome's work unit and an outcome's request id are only ever looked up by equality (a unit's calls,
-- coverage's verdict and follow-up counts), and nearly every stored trace and outcome writes an entry. A hash index
-- keeps a 4-byte hash a row instead of the id: on a scratch server with 3-5 million rows an insert cost 3.0 µs
-- against 6.1 for the B-tree, at 38% of its size (reconcile-service's V39 has the figures). The trace's partitions get
-- theirs from the parent, those to come included.
drop index trace_work_unit;
create index trace_work_unit on trace using hash (work_unit_id) where work_unit_id is not null;
drop index outcome_work_unit;
create index outcome_work_unit on outcome using hash (work_unit_id);
drop index outcome_request;
create index outcome_request on outcome using hash (request_id);
