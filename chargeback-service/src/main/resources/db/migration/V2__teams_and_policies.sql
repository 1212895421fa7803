-- The team registry (chargeback issue), effective-dated: a change from next month adds a version and never rewrites
-- a month already allocated. A period reads, per team, the latest version effective at or before it.
create table team_version (
    name           varchar(255) collate "C" not null,
    effective_from varchar(7) not null,
    owner          varchar(255),
    seats          integer not null,
    sla_tier       varchar(32),
    coefficient    numeric(8, 4) not null,
    recorded_at    timestamp(6) with time zone not null,
    primary key (name, effective_from)
);

-- The allocation policy chosen for a period by the platform owner, every choice kept with who made it and when;
-- the newest is in force. A period without one uses the suite's default (AllocationPolicy.DEFAULT).
create table period_policy (
    id               bigserial primary key,
    period           varchar(7) not null,
    mode             varchar(16) not null,
    basis            varchar(16) not null,
    uniform_per_seat boolean not null,
    hybrid_floor     numeric(19, 2),
    chosen_by        varchar(255) not null,
    chosen_at        timestamp(6) with time zone not null
);
create index period_policy_period on period_policy (period, chosen_at desc);
