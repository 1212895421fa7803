-- Budgets in money per team, workload or project, daily or monthly (UTC), and what each period has said: a warning
-- and a throttle signal are published once per budget and period.
create table budget (
    name        varchar(128) primary key,
    scope_kind  varchar(16) not null,
    scope       varchar(255) not null,
    period_kind varchar(8) not null,
    amount      numeric(19, 6) not null,
    warn_pct    numeric(5, 2) not null,
    updated_at  timestamp(6) with time zone not null
);

create table budget_period (
    budget       varchar(128) not null references budget (name) on delete cascade,
    period_start timestamp(6) with time zone not null,
    warned_at    timestamp(6) with time zone,
    throttled_at timestamp(6) with time zone,
    primary key (budget, period_start)
);
