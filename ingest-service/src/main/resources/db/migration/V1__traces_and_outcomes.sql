-- Raw token counts only, never prices: cost is computed on read from the snapshot in force at started_at.
create table trace (
    id                    bigserial primary key,
    dedupe_key            varchar(512) not null unique,
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
);
create index trace_work_unit on trace (work_unit_id) where work_unit_id is not null;
create index trace_workload_started on trace (workload, started_at);

create table outcome (
    id                bigserial primary key,
    dedupe_key        varchar(512) not null unique,
    outcome_id        varchar(255),
    kind              varchar(32) not null,
    request_id        varchar(255),
    work_unit_id      varchar(255),
    workload          varchar(255),
    passed            boolean,
    score             numeric(12, 6),
    grader_request_id varchar(255),
    human_cost        numeric(19, 6),
    review_minutes    numeric(12, 3),
    reason            text,
    observed_at       timestamp(6) with time zone,
    received_at       timestamp(6) with time zone not null
);
create index outcome_work_unit on outcome (work_unit_id);
create index outcome_request on outcome (request_id);
