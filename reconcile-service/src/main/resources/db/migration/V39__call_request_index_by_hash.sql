-- usage_call's request id is only ever looked up by equality (a verdict naming a request, the call of a unit's final
-- attempt), and every call stored writes an entry. A hash index keeps a 4-byte hash a row instead of the id: on a
-- scratch server with 3-5 million rows it took 3.0 µs an insert against 6.1 for the B-tree, at 38% of its size (two
-- sessions inserting side by side, as two polls fold: 1,000,000 rows in 6.5-6.7 s against 8.8-10.0, one index on the
-- table); a lookup costs 20 µs against 12 (it reads the row to recheck the id), and calls are stored far more often
-- than verdicts look for them. Rebuilding takes a write lock on usage_call for as long as the build (seconds per million
-- calls).
drop index usage_call_request;
create index usage_call_request on usage_call using hash (request_id);
