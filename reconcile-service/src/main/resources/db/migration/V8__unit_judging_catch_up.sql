-- Whether units stored before V4 still wait for their first judgement: the service's catch-up reads this one row at
-- startup instead of scanning work_unit on every start (a 10-million-trace month's table is gigabytes).
create table unit_judging_catch_up (pending boolean not null);
insert into unit_judging_catch_up select exists (select 1 from work_unit where result is null and attempts > 0);
