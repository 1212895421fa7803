-- A run is allocated once every workload LCPR it announced has arrived, whatever order the topics deliver in.
create table reconciliation_run (
    run_id             uuid primary key,
    period             varchar(10) not null,
    expected_workloads text not null,
    allocated_at       timestamp(6) with time zone
);

create table workload_cost (
    id          bigserial primary key,
    run_id      uuid not null,
    period      varchar(10) not null,
    workload    varchar(255) not null,
    event       text not null,
    unique (run_id, workload)
);

create table team_allocation (
    id          bigserial primary key,
    event_id    uuid not null unique,
    run_id      uuid not null,
    period      varchar(10) not null,
    mode        varchar(32) not null,
    team        varchar(255) not null,
    amount      numeric(19, 2) not null,
    share       numeric(12, 6) not null,
    by_workload text not null,
    created_at  timestamp(6) with time zone not null
);
create index team_allocation_lookup on team_allocation (period, mode, created_at desc);
