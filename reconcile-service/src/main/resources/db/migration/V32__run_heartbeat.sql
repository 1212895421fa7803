-- A run is kept alive by the instance executing it; a run whose heartbeat stopped (its instance was killed, ran out
-- of memory or restarted) is failed by whichever instance sees it next, instead of blocking its inputs forever.
alter table reconciliation_run add column heartbeat_at timestamptz;
update reconciliation_run set heartbeat_at = coalesce(finished_at, created_at);
create index reconciliation_run_running on reconciliation_run (heartbeat_at) where status = 'running';
