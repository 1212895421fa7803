-- Effective-dated exchange rates into the reporting currency (USD), for bill lines and prices in other currencies.
create table exchange_rate (
    currency       varchar(3) not null,
    effective_from date not null,
    usd_per_unit   numeric not null check (usd_per_unit > 0),
    primary key (currency, effective_from)
);
