-- The workload registry (issue 13): class (004's taxonomy), the name of its unit, its owner team, and for an eval
-- run the workloads it serves; published on workloads.v1 through the outbox each time a workload is defined.
alter table workload_settings add column workload_class varchar(32);
alter table workload_settings add column unit_name varchar(64);
alter table workload_settings add column owner_team varchar(255);
alter table workload_settings add column serves varchar(2000);
