-- reconcile-service's own copies of what it consumes (traces, outcomes, prices), and what it decides.
create table usage_call (
    id                    bigserial primary key,
    dedupe_key            varchar(512) not null unique,
    request_id            varchar(255),
    work_unit_id          varchar(255),
    attempt_kind          varchar(32) not null,
    workload              varchar(255),
    team                  varchar(255),
    provider              varchar(64) not null,
    project_id            varchar(255),
    model                 varchar(255) not null,
    service_tier          varchar(32) not null,
    started_at            timestamp(6) with time zone not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null,
    reasoning_tokens      bigint not null,
    ttft_ms               bigint,
    e2e_ms                bigint
);
create index usage_call_started on usage_call (started_at);

create table outcome_verdict (
    id           bigserial primary key,
    event_id     uuid not null unique,
    kind         varchar(32) not null,
    request_id   varchar(255),
    work_unit_id varchar(255),
    passed       boolean,
    human_cost   numeric(19, 6),
    observed_at  timestamp(6) with time zone
);
create index outcome_verdict_unit on outcome_verdict (work_unit_id);
create index outcome_verdict_request on outcome_verdict (request_id);

-- Every entry of pricing.snapshots.v1 as received; PriceHistory picks the one in force (newest version wins).
create table price_version (
    id                            bigserial primary key,
    snapshot_id                   uuid not null unique,
    version_order                 bigint not null,
    provider                      varchar(64) not null,
    model                         varchar(255) not null,
    service_tier                  varchar(32) not null,
    region                        varchar(64) not null,
    effective_from                timestamp(6) with time zone not null,
    effective_to                  timestamp(6) with time zone,
    event                         text not null
);
create index price_version_key on price_version (provider, model, service_tier, region, effective_from);

create table price_alias (
    provider varchar(64) not null,
    alias    varchar(255) not null,
    model    varchar(255) not null,
    primary key (provider, alias)
);

-- pricing.contracts.v1 as received; read whole (batch discount now; commitments and credits for billing errors).
create table provider_contract (
    contract_id uuid primary key,
    provider    varchar(64) not null,
    event       text not null
);

create table workload_settings (
    name                   varchar(255) primary key,
    ttft_slo_ms            bigint,
    e2e_slo_ms             bigint,
    slo_tolerance_ms       bigint not null,
    eval_required          boolean not null,
    human_signoff_accepted boolean not null
);

create table period_cost_input (
    period              varchar(10) not null,
    workload            varchar(255) not null,
    eval_other_cost     numeric(19, 6) not null,
    human_cost_per_case numeric(19, 6) not null,
    human_review_cost   numeric(19, 6) not null,
    ops_cost            numeric(19, 6) not null,
    primary key (period, workload)
);

create table invoice (
    id              uuid primary key,
    provider        varchar(64) not null,
    billing_account varchar(255) not null,
    period          varchar(10) not null,
    total           numeric(19, 6) not null,
    currency        varchar(3) not null,
    source          varchar(255),
    imported_at     timestamp(6) with time zone not null,
    unique (provider, billing_account, period)
);

create table reconciliation_run (
    id         uuid primary key,
    period     varchar(10) not null,
    created_at timestamp(6) with time zone not null,
    summary    text not null
);

create table lcpr_result (
    id         bigserial primary key,
    run_id     uuid not null references reconciliation_run (id),
    period     varchar(10) not null,
    workload   varchar(255) not null,
    created_at timestamp(6) with time zone not null,
    event      text not null
);
create index lcpr_result_lookup on lcpr_result (period, workload, created_at desc);
