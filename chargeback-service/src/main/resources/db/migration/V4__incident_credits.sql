-- Incident credits (chargeback issue): each incident's latest statement from incidents.v1; the reserve that pays the
-- credits, funded by a share of every team's charge (the policy's reserve_pct), its balance carried from one closed
-- month to the next.
create table incident (
    incident_id uuid primary key,
    started_at  timestamp(6) with time zone not null,
    occurred_at timestamp(6) with time zone not null,
    event       text not null
);
create index incident_started on incident (started_at);

alter table period_policy add column reserve_pct numeric(7, 4) not null default 0;

alter table period_close add column reserve_opening numeric(19, 2) not null default 0;
alter table period_close add column reserve_closing numeric(19, 2) not null default 0;
