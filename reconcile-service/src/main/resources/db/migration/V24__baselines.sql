-- Baselines (001 ch 23): a named, dated snapshot of a workload on a route, kept as captured (JSON of
-- WorkloadSnapshot) to compare with later captures or with now.
create table baseline (
    name        varchar(128) primary key,
    workload    varchar(255) not null,
    snapshot    text not null,
    captured_at timestamp(6) with time zone not null
);
