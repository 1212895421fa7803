-- Work unit ids and workload names are identifiers, compared for equality only (GET /api/work-units/{id}, coverage
-- samples per workload). Under the database's default collation (a libc locale such as C.UTF-8) every comparison
-- in their indexes goes through strcoll: in a profile of the ingest benchmark the PostgreSQL sessions spent about 5%
-- of their time there. Byte order ("C") gives the same equality without it. The indexes on the two columns are
-- rebuilt by the change; the rows are not rewritten.
alter table trace
    alter column work_unit_id type varchar(255) collate "C",
    alter column workload type varchar(255) collate "C";
