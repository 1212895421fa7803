-- Every unit a verdict names has a work_unit row (a stub until its first call): the fold then judges a unit new to
-- work_unit without looking for its verdicts, since a unit with verdicts conflicts on insert and is judged by the
-- statement that reads them. Outcomes stub their units since V4; a verdict that waited for a grader's call could
-- still name a unit without a row (graders are no attempt). Stubs are never judged and count nowhere (result null).
insert into work_unit (unit_key, workload, attempts, final_started_at, final_request_id)
select distinct v.unit_key, '', 0, '-infinity'::timestamptz, ''
from outcome_verdict v
where v.unit_key is not null and not exists (select 1 from work_unit w where w.unit_key = v.unit_key)
on conflict (unit_key) do nothing;
