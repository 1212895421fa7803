-- The btree on id served TraceRecovery alone: the live path publishes a committed chunk from memory and never reads it
-- back, and coverage reads its sample's rows in its sampling query. Yet every stored trace paid for it: binary COPY
-- of 400,000 trace rows took 3.2 µs of backend CPU a row without indexes, 4.8 with the btree on id, 3.2 with a BRIN
-- on id. Ids grow with the chunk number and a chunk's rows are written together, so each BRIN block range (128 pages)
-- holds the rows of a few neighbouring chunks. Ranges written since autovacuum last summarized them would match every
-- query; TraceRecovery summarizes them (brin_summarize_new_values) before it reads a chunk back.
drop index trace_id_range;
create index trace_id_blocks on trace using brin (id) with (autosummarize = on);
