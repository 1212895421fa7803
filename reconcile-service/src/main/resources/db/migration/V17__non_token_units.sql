-- Charges billed by something other than a token (BillableUnits: a request, an image, a second of audio, a web
-- search), stated on a trace as attributes lcpr.units.<unit>. Rare next to tokens, so kept beside the token fold
-- rather than widening it: one row per stored call and unit (what a rebuild and a call-by-call pricing read), and
-- their weighted sums per hour and key (what a run prices).
create table usage_call_unit (
    dedupe_key varchar(512) collate "C" not null,
    unit       varchar(64) collate "C" not null,
    quantity   numeric not null,
    primary key (dedupe_key, unit)
);

create table usage_unit_hourly (
    hour         timestamp(6) with time zone not null,
    provider     varchar(64) collate "C" not null,
    project_id   varchar(255) collate "C" not null,
    model        varchar(255) collate "C" not null,
    service_tier varchar(32) collate "C" not null,
    workload     varchar(255) collate "C" not null,
    team         varchar(255) collate "C" not null,
    attempt_kind varchar(32) collate "C" not null,
    sampled      boolean not null,
    unit         varchar(64) collate "C" not null,
    quantity     numeric not null,
    calls        bigint not null,
    primary key (hour, provider, project_id, model, service_tier, workload, team, attempt_kind, sampled, unit)
);
