-- Two indexes of outcome_verdict that nothing reads: since V2 a verdict is found by its unit (outcome_verdict_unit_key)
-- and one still waiting for its call by request (the partial outcome_verdict_unresolved). Every verdict stored wrote
-- an entry into both.
drop index outcome_verdict_unit;
drop index outcome_verdict_request;

-- Room on each page for the rows updated again and again: judging a unit rewrites its result, and each poll adds to
-- an hourly rollup's sums, columns no index holds. With room on its page the new version is a heap-only (HOT) update
-- that writes no index entry; at the default fillfactor (100) the fold's inserts leave none. Pages written from now on.
alter table work_unit set (fillfactor = 80);
alter table usage_hourly set (fillfactor = 70);
alter table usage_unit_hourly set (fillfactor = 70);
