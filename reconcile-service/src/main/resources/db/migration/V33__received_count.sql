-- How many verdicts have been received, kept as they arrive: GET /api/usage counted outcome_verdict whole on every
-- request, and its p99 grew fourfold over a 30-minute soak (1.5 million verdicts).
create table received_count (
    what varchar(64) primary key,
    n    bigint not null
);
insert into received_count (what, n) select 'outcome_verdict', count(*) from outcome_verdict;
