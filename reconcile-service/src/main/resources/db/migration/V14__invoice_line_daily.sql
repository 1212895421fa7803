-- What a run reads of the bills: each import's lines summed per account, category, model, tier, token type, unit and
-- UTC day, written once at import (a million-line export sums to a few thousand rows), superseded with its lines.
create table invoice_line_daily (
    import_id       uuid not null references invoice_import (id),
    provider        varchar(64) not null,
    billing_account varchar(255) collate "C" not null,
    period          varchar(10) not null,
    category        varchar(16) not null,
    correction      boolean not null,
    model           varchar(255),
    service_tier    varchar(32) not null,
    token_type      varchar(128),
    day             date not null,
    currency        varchar(3) not null,
    unit            varchar(64),
    billed_cost     numeric,
    quantity        numeric,
    lines           bigint not null,
    superseded_by   uuid references invoice_import (id)
);
create index invoice_line_daily_import on invoice_line_daily (import_id);
create index invoice_line_daily_current on invoice_line_daily (period, provider, billing_account)
    where superseded_by is null;

insert into invoice_line_daily
select import_id, provider, billing_account, period, category, correction, model, service_tier, token_type,
       (charge_start at time zone 'UTC')::date, currency, unit, sum(billed_cost), sum(quantity), count(*), superseded_by
from invoice_line
group by import_id, provider, billing_account, period, category, correction, model, service_tier, token_type,
         (charge_start at time zone 'UTC')::date, currency, unit, superseded_by;
