-- Operating signals folded as traces arrive (reconcile-scale, read by the operating-signals issue): per hour and per
-- workload, team, provider, model, API key and project, weighted counts and token sums, errors by type, and TTFT,
-- end-to-end latency and output length as HdrHistograms (HdrHistogram's V2 encoding). SQL cannot add histograms, so
-- polls append rows and SignalCompactor merges an hour's rows into one per key; a key may have several rows until
-- then, and readers merge them. Signals of calls stored before this version come back with a rebuild
-- (POST /api/usage/rebuilds).
alter table usage_call add column api_key_id varchar(255) collate "C";
alter table usage_call add column status varchar(255);
alter table usage_call add column error_type varchar(255);

create table signal_hourly (
    hour                  timestamp(6) with time zone not null,
    workload              varchar(255) collate "C" not null,
    team                  varchar(255) collate "C" not null,
    provider              varchar(64) collate "C" not null,
    model                 varchar(255) collate "C" not null,
    api_key_id            varchar(255) collate "C" not null,
    project_id            varchar(255) collate "C" not null,
    calls                 bigint not null,
    stored_calls          bigint not null,
    errors                bigint not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null,
    errors_by_type        jsonb not null,
    ttft_ms               bytea not null,
    e2e_ms                bytea not null,
    output_length         bytea not null
);
create index signal_hourly_hour on signal_hourly (hour);
