-- Folding as data arrives (reconcile-scale): a month's run reads hourly token rollups and one row per work unit,
-- never every call. usage_call stays the raw copy: the source a rebuild reads and what a run prices call by call
-- when a price changes inside an hour or a long-context threshold splits a rollup.

alter table usage_call add column unit_key varchar(512);
alter table usage_call add column weight integer not null default 1;
update usage_call set unit_key = coalesce(work_unit_id, 'request:' || coalesce(request_id, 'null'));
alter table usage_call alter column unit_key set not null;
create index usage_call_request on usage_call (request_id);

-- Token sums per hour and everything a price or an allocation depends on (calls are weighted, stored_calls are
-- rows). Empty strings, not nulls, for the optional parts of the key (a unique key treats nulls as distinct).
-- Sums are weighted by the sampling weight; reasoning_apart is the sum of least(reasoning, output), what a
-- reasoning price applies to. prompt_class is 0 below 32,768 input tokens, floor(log2(input_tokens)) above: a
-- long-context threshold falls inside one class, whose min and max tell whether it splits the rollup.
create table usage_hourly (
    hour                  timestamp(6) with time zone not null,
    provider              varchar(64) not null,
    project_id            varchar(255) not null,
    model                 varchar(255) not null,
    service_tier          varchar(32) not null,
    workload              varchar(255) not null,
    team                  varchar(255) not null,
    attempt_kind          varchar(32) not null,
    prompt_class          smallint not null,
    sampled               boolean not null,
    calls                 bigint not null,
    stored_calls          bigint not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null,
    reasoning_apart       bigint not null,
    min_input             bigint not null,
    max_input             bigint not null,
    primary key (hour, provider, project_id, model, service_tier, workload, team, attempt_kind, prompt_class, sampled)
);

-- One row per work unit with at least one non-grader call: how many attempts, and its final attempt (latest start,
-- then request id), which acceptance judges.
create table work_unit (
    unit_key         varchar(512) primary key,
    workload         varchar(255) not null,
    attempts         bigint not null,
    final_started_at timestamp(6) with time zone not null,
    final_request_id varchar(255) not null,
    final_ttft_ms    bigint,
    final_e2e_ms     bigint
);
create index work_unit_final on work_unit (final_started_at);

-- A verdict's unit: its work_unit_id, else the unit of the call it names, resolved when that call arrives.
alter table outcome_verdict add column unit_key varchar(512);
update outcome_verdict v set unit_key = coalesce(v.work_unit_id,
    (select c.unit_key from usage_call c where c.request_id = v.request_id limit 1));
create index outcome_verdict_unit_key on outcome_verdict (unit_key);
create index outcome_verdict_unresolved on outcome_verdict (request_id) where unit_key is null;

-- What the rows of V1 already hold, folded.
insert into usage_hourly
select date_trunc('hour', started_at, 'UTC'), provider, coalesce(project_id, ''), model, service_tier,
       coalesce(workload, ''), coalesce(team, ''), attempt_kind,
       case when input_tokens < 32768 then 0 else 64 - position('1' in input_tokens::bit(64)::text) end, weight > 1,
       sum(weight), count(*), sum(weight * input_tokens), sum(weight * cache_read_tokens),
       sum(weight * cache_creation_tokens),
       sum(weight * output_tokens), sum(weight * least(reasoning_tokens, output_tokens)), min(input_tokens),
       max(input_tokens)
from usage_call group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

insert into work_unit
select distinct on (unit_key) unit_key, coalesce(workload, ''), count(*) over (partition by unit_key), started_at,
       coalesce(request_id, ''), ttft_ms, e2e_ms
from usage_call where attempt_kind <> 'eval_grader'
order by unit_key, started_at desc, coalesce(request_id, '') desc;

-- Identifiers compared byte for byte (collate "C"): in a profile of the fold, string collation was the backend's
-- largest single cost (unique keys, the poll's sorts). Only equality and grouping read them.
alter table usage_call alter column dedupe_key type varchar(512) collate "C";
alter table usage_call alter column unit_key type varchar(512) collate "C";
alter table usage_call alter column request_id type varchar(255) collate "C";
alter table work_unit alter column unit_key type varchar(512) collate "C";
alter table work_unit alter column final_request_id type varchar(255) collate "C";
alter table outcome_verdict alter column unit_key type varchar(512) collate "C";
alter table outcome_verdict alter column request_id type varchar(255) collate "C";
alter table outcome_verdict alter column work_unit_id type varchar(255) collate "C";
alter table usage_hourly alter column provider type varchar(64) collate "C";
alter table usage_hourly alter column project_id type varchar(255) collate "C";
alter table usage_hourly alter column model type varchar(255) collate "C";
alter table usage_hourly alter column service_tier type varchar(32) collate "C";
alter table usage_hourly alter column workload type varchar(255) collate "C";
alter table usage_hourly alter column team type varchar(255) collate "C";
alter table usage_hourly alter column attempt_kind type varchar(32) collate "C";
