-- Work units judged as their calls and verdicts arrive (reconcile-scale): a run reads a few counters per workload
-- and day instead of judging every unit of the month.
--
-- A unit's judgement is stored on its row (result, escalation); whoever changes a unit's inputs (a poll of traces,
-- a poll of outcomes, a rebuild, a workload's acceptance rule) locks the unit's row and judges it again in a
-- statement that starts after the lock, so the last writer sees every committed input.
-- result: 1 first-attempt pass, 2 recovered, 3 escalated, 4 unrecovered; null while not judged (a stub).
alter table work_unit add column result smallint;
alter table work_unit add column escalated boolean not null default false;
alter table work_unit add column escalation_cost numeric(19, 6);
-- room on each page for a judged row's new version, so that judging again is a heap-only update (no index writes)
alter table work_unit set (fillfactor = 90);

-- Counters as an append-only ledger of changes: every change to a judged unit appends (its new counts) minus (its
-- old counts), so concurrent polls never wait on a shared counter row, and the sum over any set of days is the
-- count of the units judged now. A run compacts its period's rows into one per key.
create table unit_tally (
    workload          varchar(255) collate "C" not null,
    day               date not null,
    result            smallint not null,
    units             bigint not null,
    stated_human_cost numeric(19, 6) not null,
    unstated_cases    bigint not null
);
create index unit_tally_day on unit_tally (day);

-- The ledger is kept by statement triggers reading the statement's changed rows (transition tables): one insert of
-- a few grouped rows per statement, whatever the number of units it touched.
create function unit_tally_ledger() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into unit_tally
        select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result,
               count(*), coalesce(sum(escalation_cost) filter (where escalated), 0),
               count(*) filter (where escalated and escalation_cost is null)
        from new_units where result is not null group by 1, 2, 3;
    elsif tg_op = 'DELETE' then
        insert into unit_tally
        select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result,
               -count(*), -coalesce(sum(escalation_cost) filter (where escalated), 0),
               -count(*) filter (where escalated and escalation_cost is null)
        from old_units where result is not null group by 1, 2, 3;
    else
        insert into unit_tally
        select workload, day, result, sum(units), sum(stated_human_cost), sum(unstated_cases)
        from (
            select coalesce(nullif(workload, ''), 'unknown') as workload,
                   (final_started_at at time zone 'UTC')::date as day, result, 1 as units,
                   case when escalated then coalesce(escalation_cost, 0) else 0 end as stated_human_cost,
                   case when escalated and escalation_cost is null then 1 else 0 end as unstated_cases
            from new_units where result is not null
            union all
            select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result, -1,
                   case when escalated then -coalesce(escalation_cost, 0) else 0 end,
                   case when escalated and escalation_cost is null then -1 else 0 end
            from old_units where result is not null
        ) changes
        group by 1, 2, 3
        having sum(units) <> 0 or sum(stated_human_cost) <> 0 or sum(unstated_cases) <> 0;
    end if;
    return null;
end $$;

create trigger work_unit_tally_insert after insert on work_unit referencing new table as new_units
    for each statement execute function unit_tally_ledger();
create trigger work_unit_tally_update after update on work_unit
    referencing old table as old_units new table as new_units
    for each statement execute function unit_tally_ledger();
create trigger work_unit_tally_delete after delete on work_unit referencing old table as old_units
    for each statement execute function unit_tally_ledger();

-- A run prices a day's rollups at once (an hour's only where the day holds a price change): what it read is a count
-- of rollups of either span.
alter table reconciliation_run rename column hourly_rollups to rollups_priced;

-- Stubs: a unit that has verdicts but no call yet gets a row (attempts 0, final attempt at -infinity, never
-- judged), so that a verdict and the unit's first calls arriving at once meet on that row's lock. Units stored before
-- this version are judged by the service at startup (UnitJudging), with the same statement as every other change.
