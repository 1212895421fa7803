-- Alert rules on the operating signals (operating-signals issue), evaluated on event time with hysteresis.
create table alert_rule (
    name              varchar(128) primary key,
    metric            varchar(32) not null,
    dimension         varchar(16) not null,
    scope             varchar(255),
    comparison        varchar(8) not null,
    threshold         numeric not null,
    window_hours      integer not null,
    cooldown_minutes  integer not null,
    min_calls         bigint not null,
    -- against a baseline: trailing (the hours before the window) or earlier (the same window that many hours
    -- before), as a ratio or a difference; null: the threshold is on the metric itself
    baseline_kind     varchar(16),
    baseline_hours    integer,
    baseline_ratio    boolean,
    -- the end of the last window evaluated: a rule picks up where it stopped, whatever the wall clock says
    evaluated_to      timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);

-- One row per rule and scope with an open alert (or one clearing): what the next window continues from.
create table alert_state (
    rule        varchar(128) not null references alert_rule (name) on delete cascade,
    scope       varchar(255) collate "C" not null,
    alert_id    uuid not null,
    fired_at    timestamp(6) with time zone not null,
    clear_since timestamp(6) with time zone,
    primary key (rule, scope)
);
