-- Registries (teams, workloads, budgets, baselines) and operations (incidents, alerts) projected beside the costs:
-- they belong to no run; scope is what a query filters them by (an alert's or budget's scope, a baseline's
-- workload, an incident's workloads).
alter table projected_event alter column run_id drop not null;
alter table projected_event add column scope varchar(2048);
create index projected_event_subject on projected_event (topic, subject, occurred_at desc);
