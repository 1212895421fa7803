-- Runs have a lifecycle (running, completed, failed), say which inputs they reconciled (a fingerprint: a run of
-- unchanged inputs is the same run, never published twice) and which earlier run of the period they supersede.
alter table reconciliation_run alter column summary drop not null;
alter table reconciliation_run add column status varchar(16) not null default 'completed';
alter table reconciliation_run add column inputs varchar(32);
alter table reconciliation_run add column supersedes uuid;
alter table reconciliation_run add column progress varchar(255);
alter table reconciliation_run add column error text;
alter table reconciliation_run add column finished_at timestamp(6) with time zone;
create index reconciliation_run_period on reconciliation_run (period, created_at desc);
-- What a completed run read: hourly rollups priced, calls priced one by one (price change or long-context
-- threshold inside a rollup), work units judged, and how much of the cost is estimated from sampled calls.
alter table reconciliation_run add column hourly_rollups bigint;
alter table reconciliation_run add column calls_priced_one_by_one bigint;
alter table reconciliation_run add column work_units bigint;
alter table reconciliation_run add column estimated_from_samples numeric(19, 6);
