-- A stored call is identified by its dedupe key (the fold's conflict target); the surrogate id was read by nothing
-- and cost every folded trace a sequence step and a B-tree insert.
alter table usage_call drop column id;
alter table usage_call drop constraint usage_call_dedupe_key_key;
alter table usage_call add primary key (dedupe_key);
