-- work_unit_final (V39) asked autovacuum to summarize each block range as it filled. At the fold's rate the request
-- queue is full most of the time, and each request it drops is a line in the server log ("request for BRIN range
-- summarization ... was not recorded"): 438 lines folding 1,000,000 traces. Vacuum summarizes the ranges anyway, and
-- until then a query reads an unsummarized range whole, which is correct.
alter index work_unit_final set (autosummarize = off);
