-- Invoices by line (issue 13): every imported file or payload kept as it came (audit), its lines in one table
-- whatever the format. An import of a bill the suite already holds (same provider, account, period, and the same
-- kind: charges or reported usage) supersedes the earlier lines, never edits them; correction lines add.
create table invoice_import (
    id              uuid primary key,
    format          varchar(32) not null,
    provider        varchar(64),
    billing_account varchar(255),
    sha256          char(64) not null unique,
    file_name       varchar(255),
    bytes           bigint not null,
    line_count      integer not null,
    imported_at     timestamp(6) with time zone not null
);

create table invoice_file (
    import_id uuid primary key references invoice_import (id),
    content   bytea not null
);

create table invoice_line (
    import_id       uuid not null references invoice_import (id),
    line_no         integer not null,
    provider        varchar(64) not null,
    billing_account varchar(255) collate "C" not null,
    invoice_id      varchar(255),
    period          varchar(10) not null,
    charge_start    timestamp(6) with time zone not null,
    charge_end      timestamp(6) with time zone,
    category        varchar(16) not null,
    correction      boolean not null,
    model           varchar(255),
    service_tier    varchar(32) not null,
    token_type      varchar(128),
    quantity        numeric,
    unit            varchar(64),
    billed_cost     numeric,
    list_cost       numeric,
    currency        varchar(3) not null,
    project         varchar(255),
    service_name    varchar(255),
    description     text,
    superseded_by   uuid references invoice_import (id),
    primary key (import_id, line_no)
);
create index invoice_line_current on invoice_line (period, provider, billing_account) where superseded_by is null;

-- The typed-in totals of before: each an import of format 'total' with one usage line.
insert into invoice_import (id, format, provider, billing_account, sha256, file_name, bytes, line_count, imported_at)
select id, 'total', provider, billing_account,
       encode(sha256(convert_to(provider || '|' || billing_account || '|' || period || '|' || total::text || '|'
                                || currency, 'UTF8')), 'hex'),
       source, 0, 1, imported_at
from invoice;
insert into invoice_file (import_id, content)
select id, convert_to(json_build_object('provider', provider, 'billing_account', billing_account, 'period', period,
                                        'total', total, 'currency', currency, 'source', source)::text, 'UTF8')
from invoice;
insert into invoice_line (import_id, line_no, provider, billing_account, period, charge_start, category, correction,
                          service_tier, billed_cost, currency, description)
select id, 1, provider, billing_account, period,
       (case when length(period) = 7 then (period || '-01')::date else period::date end)::timestamp at time zone 'UTC',
       'usage', false, 'standard', total, currency, 'typed-in total'
from invoice;
drop table invoice;
