-- The monthly review pack, forecasts and goodput (001 ch 24 and 26).

-- An outcome's reason (a failed eval's failure mode): the review pack's most frequent failure reasons.
alter table outcome_verdict add column reason varchar(255);

-- What a post-mortem decided, shown in the review pack's incident section.
alter table incident add column preventive_actions text;

-- Limits recorded for the capacity section: a provider model's rate limit (requests and tokens per minute) or a
-- dedicated endpoint's capacity (tokens per hour it serves at its SLO).
create table capacity_limit (
    kind               varchar(16) collate "C" not null,
    ref                varchar(255) collate "C" not null,
    requests_per_minute bigint,
    tokens_per_minute  bigint,
    tokens_per_hour    bigint,
    source             varchar(255),
    updated_at         timestamp(6) with time zone not null,
    primary key (kind, ref)
);

-- A review's recommended actions: written when a pack of a closed month is first produced (id stable per period,
-- workload and kind), completed through the API; the next month's pack lists them with their completion.
create table review_action (
    period        varchar(10) not null,
    workload      varchar(255) collate "C" not null,
    kind          varchar(32) not null,
    text          text not null,
    impact        numeric(19, 6) not null,
    owner         varchar(255) not null,
    status        varchar(16) not null,
    completed_at  timestamp(6) with time zone,
    note          text,
    primary key (period, workload, kind)
);

-- The assumption register (001 ch 26): every forecast input with its value, the range it may take, whether it was
-- measured, estimated or assumed, where it came from, who owns it and when it was stated.
create table forecast_assumption (
    name           varchar(255) collate "C" primary key,
    workload       varchar(255) collate "C" not null,
    component      varchar(32) not null,
    value          numeric(19, 6) not null,
    low            numeric(19, 6),
    high           numeric(19, 6),
    effective_share numeric(9, 6) not null,
    basis          varchar(16) not null,
    source         varchar(1024) not null,
    owner          varchar(255) not null,
    stated_on      date not null,
    updated_at     timestamp(6) with time zone not null
);

-- A scenario: the assumptions it combines, by name.
create table forecast_scenario (
    name        varchar(255) collate "C" primary key,
    description text,
    assumptions text not null,
    updated_at  timestamp(6) with time zone not null
);

-- A forecast as made: its base month, horizon, the scenario and the assumptions as they stood, and the predicted
-- components per workload and month (JSON), so accuracy compares against what was predicted then.
create table forecast (
    id          uuid primary key,
    scenario    varchar(255) collate "C" not null,
    base_period varchar(10) not null,
    made_at     timestamp(6) with time zone not null,
    body        text not null
);
create index forecast_scenario_made on forecast (scenario, made_at);

-- Calls of load tests (traces carrying lcpr.load_test.run_id): few, kept whole for the goodput analysis.
create table load_test_call (
    dedupe_key     varchar(512) collate "C" primary key,
    run_id         varchar(255) collate "C" not null,
    rate_rps       numeric(12, 4) not null,
    route          varchar(255) collate "C" not null,
    workload       varchar(255) collate "C" not null,
    unit_key       varchar(512) collate "C" not null,
    started_at     timestamp(6) with time zone not null,
    provider       varchar(64) not null,
    model          varchar(255) not null,
    service_tier   varchar(32) not null,
    input_tokens   bigint not null,
    cache_read_tokens bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens  bigint not null,
    ttft_ms        bigint,
    e2e_ms         bigint,
    failed         boolean not null
);
create index load_test_call_run on load_test_call (run_id);

-- A vendor's claimed throughput for a route (output tokens per second), against which goodput's transfer gap is told.
create table throughput_claim (
    route                  varchar(255) collate "C" primary key,
    output_tokens_per_second numeric(14, 4) not null,
    source                 varchar(1024) not null,
    updated_at             timestamp(6) with time zone not null
);
