-- A work unit keeps the team of its final attempt (chargeback's "accepted outputs" basis: each team's accepted
-- units), and the tally ledger counts per team as well; the ledger's sums per workload are unchanged.
alter table work_unit add column team varchar(255) collate "C" not null default '';
alter table unit_tally add column team varchar(255) collate "C" not null default 'unknown';

create or replace function unit_tally_ledger() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into unit_tally (workload, day, result, units, stated_human_cost, unstated_cases, team)
        select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result,
               count(*), coalesce(sum(escalation_cost) filter (where escalated), 0),
               count(*) filter (where escalated and escalation_cost is null), coalesce(nullif(team, ''), 'unknown')
        from new_units where result is not null group by 1, 2, 3, 7;
    elsif tg_op = 'DELETE' then
        insert into unit_tally (workload, day, result, units, stated_human_cost, unstated_cases, team)
        select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result,
               -count(*), -coalesce(sum(escalation_cost) filter (where escalated), 0),
               -count(*) filter (where escalated and escalation_cost is null), coalesce(nullif(team, ''), 'unknown')
        from old_units where result is not null group by 1, 2, 3, 7;
    else
        insert into unit_tally (workload, day, result, units, stated_human_cost, unstated_cases, team)
        select workload, day, result, sum(units), sum(stated_human_cost), sum(unstated_cases), team
        from (
            select coalesce(nullif(workload, ''), 'unknown') as workload,
                   (final_started_at at time zone 'UTC')::date as day, result, 1 as units,
                   case when escalated then coalesce(escalation_cost, 0) else 0 end as stated_human_cost,
                   case when escalated and escalation_cost is null then 1 else 0 end as unstated_cases,
                   coalesce(nullif(team, ''), 'unknown') as team
            from new_units where result is not null
            union all
            select coalesce(nullif(workload, ''), 'unknown'), (final_started_at at time zone 'UTC')::date, result, -1,
                   case when escalated then -coalesce(escalation_cost, 0) else 0 end,
                   case when escalated and escalation_cost is null then -1 else 0 end,
                   coalesce(nullif(team, ''), 'unknown')
            from old_units where result is not null
        ) changes
        group by 1, 2, 3, 7
        having sum(units) <> 0 or sum(stated_human_cost) <> 0 or sum(unstated_cases) <> 0;
    end if;
    return null;
end $$;
