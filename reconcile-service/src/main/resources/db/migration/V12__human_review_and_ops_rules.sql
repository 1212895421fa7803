-- C_human adds review time (issue 13): the minutes an outcome states, kept; a rate per hour per workload and period.
alter table outcome_verdict add column review_minutes numeric;
create index outcome_verdict_review on outcome_verdict (unit_key) where review_minutes is not null;
alter table period_cost_input add column review_rate_per_hour numeric(19, 6) not null default 0;

-- C_ops by rule: a fixed amount (ops_cost), and/or a team's ops cost times the workload's share of the team's calls.
alter table period_cost_input add column ops_share_of_team varchar(255);
create table team_ops_cost (
    team   varchar(255) not null,
    period varchar(10) not null,
    amount numeric(19, 6) not null,
    primary key (team, period)
);
