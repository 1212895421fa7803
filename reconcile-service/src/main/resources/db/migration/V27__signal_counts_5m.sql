-- Calls and failed calls per five minutes, provider and model (operating-signals issue: "provider error rate over
-- 5% in 15 minutes"): sub-hour alert windows sum these. Keyed coarser than signal_hourly on purpose: twelve buckets an
-- hour by every key of the hourly signals would append more rows than a poll has traces. Appended per poll like
-- signal_hourly, merged by the compactor.
create table signal_5m (
    bucket      timestamp(6) with time zone not null,
    provider    varchar(64) collate "C" not null,
    model       varchar(255) collate "C" not null,
    calls       bigint not null,
    errors      bigint not null
);
create index signal_5m_bucket on signal_5m (bucket);

-- A rule over minutes rather than hours (a multiple of five, under an hour); null: window_hours.
alter table alert_rule add column window_minutes integer;
