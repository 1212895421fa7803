-- Period close (chargeback issue): a run's completion event is kept for the close controls (its accounts say which
-- have no invoice); a closed month's allocations are frozen, one version per close or correction, each team's event
-- as published (so a re-publication sends the same ids); disputes are kept with the month.
alter table reconciliation_run add column event text;

create table period_close (
    period        varchar(7) not null,
    version       integer not null,
    run_id        uuid not null,
    comparison    text not null,
    closed_by     varchar(255) not null,
    closed_at     timestamp(6) with time zone not null,
    forced_reason text,
    overridden    text,
    primary key (period, version)
);

create table closed_allocation (
    period   varchar(7) not null,
    version  integer not null,
    team     varchar(255) collate "C" not null,
    event_id uuid not null unique,
    event    text not null,
    primary key (period, version, team)
);

create table period_dispute (
    id          bigserial primary key,
    period      varchar(7) not null,
    team        varchar(255) not null,
    line        varchar(255) not null,
    reason      text not null,
    raised_by   varchar(255) not null,
    raised_at   timestamp(6) with time zone not null,
    resolution  text,
    resolved_by varchar(255),
    resolved_at timestamp(6) with time zone
);
create index period_dispute_period on period_dispute (period);
