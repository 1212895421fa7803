-- A rule on a workload may open an incident of this category when it fires (003: an alert can open one).
alter table alert_rule add column incident_category varchar(32);
