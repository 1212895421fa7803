-- Budgets and baselines are published on compacted topics (budgets.v1, baselines.v1) for GraphQL: a budget remembers
-- the spend it last published, so a pass publishes only a budget whose spend or period moved.
alter table budget add column published_spent numeric(19, 6);
alter table budget add column published_period_start timestamp(6) with time zone;

-- A declared change (a model, prompt, route or eval suite about to change on a workload): the baseline captured
-- automatically before it is named after it.
create table declared_change (
    name        varchar(128) primary key,
    workload    varchar(255) not null,
    kind        varchar(32) not null,
    description text,
    effective_at timestamp(6) with time zone not null,
    baseline    varchar(128) not null references baseline (name),
    declared_at timestamp(6) with time zone not null
);
