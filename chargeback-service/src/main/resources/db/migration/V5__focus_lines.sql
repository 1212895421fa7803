-- A closed statement's lines as the FOCUS export writes them (team, workload, cost component), frozen with it.
alter table closed_allocation add column lines text not null default '[]';
