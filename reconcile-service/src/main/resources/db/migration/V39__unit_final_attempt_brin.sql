-- A work unit's row is written up to three times: inserted (a stub when its verdict comes first), merged with its
-- calls, judged. The merge moves final_started_at, which a B-tree held, so that update could not be heap-only and wrote
-- an entry in both of the table's indexes; measured at 1,000,000 traces, three quarters of work_unit's updates were
-- not HOT. Since PostgreSQL 16 a change to a column that only summarizing (BRIN) indexes hold still allows a HOT update.
-- Units are written in about the order their final attempts started, and every reader of the column asks for a range
-- (a period, an incident's window), which is what BRIN answers. minmax-multi keeps a few intervals per block range, so
-- a stub's '-infinity' or a unit rebuilt far from its neighbours widens one summary by a point, not to everything.
-- Each filled range asks autovacuum to summarize it; at 32 pages a range the request queue overflowed while folding
-- 1,000,000 traces, and each request dropped is a line in the server log (438), so ranges are the default 128 pages
-- (about 5,000 units, a few hours of a 10,000,000-trace month).
drop index work_unit_final;
create index work_unit_final on work_unit using brin (final_started_at timestamptz_minmax_multi_ops)
    with (autosummarize = on);
