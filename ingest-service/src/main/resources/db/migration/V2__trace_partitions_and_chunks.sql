-- Traces partitioned by the UTC month of started_at, so a year of traffic is twelve tables that can be detached
-- or dropped whole. A unique key on a partitioned table must contain the partition key, so a record is the same
-- call when its event id (derived from the dedupe key) and its month agree; TraceRepository also looks one month
-- across for records started within an hour of a month boundary.
--
-- Index plan, one index per query that reads traces:
--   (event_id, month) unique  dedupe on insert (on conflict do nothing)
--   (id)                      TracePublisher reads a chunk's id range; ids only grow, so inserts touch the
--                             rightmost leaf (a BRIN would not do: fresh, unsummarized ranges match every query)
--   (work_unit_id)            GET /api/work-units/{id}, coverage follow-ups
--   (workload, started_at)    GET /api/coverage samples per workload and window
-- Other services never read this table: they consume llm.traces.v1.
create table trace_by_month (
    id                    bigint not null,
    month                 date not null,
    event_id              uuid not null,
    dedupe_key            varchar(512) not null,
    request_id            varchar(255),
    trace_id              varchar(64),
    span_id               varchar(32),
    work_unit_id          varchar(255),
    parent_request_id     varchar(255),
    attempt_kind          varchar(32) not null,
    workload              varchar(255),
    team                  varchar(255),
    account               varchar(255),
    provider              varchar(64) not null,
    model                 varchar(255) not null,
    service_tier          varchar(32) not null,
    region                varchar(64),
    api_key_id            varchar(255),
    project_id            varchar(255),
    prompt_version        varchar(255),
    model_version         varchar(255),
    started_at            timestamp(6) with time zone not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null,
    reasoning_tokens      bigint,
    ttft_ms               bigint,
    e2e_ms                bigint,
    status                varchar(64),
    error_type            varchar(255),
    finish_reason         varchar(64),
    attributes            text,
    received_at           timestamp(6) with time zone not null default now()
) partition by range (month);

-- Creates the month's partition unless it exists; the advisory lock makes concurrent callers take turns.
create function ensure_trace_partition(m date) returns void language plpgsql as $$
declare
    first_day date := date_trunc('month', m)::date;
    name text := 'trace_' || to_char(first_day, 'YYYY_MM');
begin
    perform pg_advisory_xact_lock(hashtext('ensure_trace_partition'));
    if to_regclass(name) is null then
        execute format('create table %I partition of trace for values from (%L) to (%L)', name, first_day,
                       (first_day + interval '1 month')::date);
    end if;
end $$;

-- The rows stored before partitioning move over with their ids (all below the first chunk's range).
do $$
declare m date;
begin
    for m in select distinct date_trunc('month', started_at at time zone 'UTC')::date from trace loop
        execute format('create table %I partition of trace_by_month for values from (%L) to (%L)',
                       'trace_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    end loop;
end $$;

-- The event id was UUID.nameUUIDFromBytes(dedupe_key): an MD5 name-based (version 3) UUID.
insert into trace_by_month (id, month, event_id, dedupe_key, request_id, trace_id, span_id, work_unit_id,
    parent_request_id, attempt_kind, workload, team, account, provider, model, service_tier, region, api_key_id,
    project_id, prompt_version, model_version, started_at, input_tokens, cache_read_tokens, cache_creation_tokens,
    output_tokens, reasoning_tokens, ttft_ms, e2e_ms, status, error_type, finish_reason, attributes, received_at)
select id, date_trunc('month', started_at at time zone 'UTC')::date,
    overlay(overlay(md5(convert_to(dedupe_key, 'UTF8')) placing
        '3' from 13 for 1) placing
        substr('89ab', (('x' || substr(md5(convert_to(dedupe_key, 'UTF8')), 17, 1))::bit(4)::int & 3) + 1, 1)
        from 17 for 1)::uuid,
    dedupe_key, request_id, trace_id, span_id, work_unit_id, parent_request_id, attempt_kind, workload, team,
    account, provider, model, service_tier, region, api_key_id, project_id, prompt_version, model_version,
    started_at, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_tokens, ttft_ms,
    e2e_ms, status, error_type, finish_reason, attributes, received_at
from trace;

drop table trace;
alter table trace_by_month rename to trace;
alter table trace add constraint trace_event_month unique (event_id, month);
create index trace_id_range on trace (id);
create index trace_work_unit on trace (work_unit_id) where work_unit_id is not null;
create index trace_workload_started on trace (workload, started_at);

-- Chunks 1, 2, ... own the ids [chunk * 2^20, (chunk + 1) * 2^20); rows stored before partitioning are below.
create sequence trace_chunk_seq start with 1;

-- The outbox of llm.traces.v1: one row per stored chunk (not per trace), written in the chunk's transaction.
-- TracePublisher reads the chunk's traces back by id range and publishes them, then sets published_at.
create table trace_chunk (
    chunk_id     bigint primary key,
    months       date[] not null,
    traces       integer not null,
    created_at   timestamp(6) with time zone not null default now(),
    published_at timestamp(6) with time zone
);
create index trace_chunk_unpublished on trace_chunk (chunk_id) where published_at is null;
