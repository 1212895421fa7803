-- Vendor overcharges claimed back (issue 13): one claim per account and billing period, kept current by the period's
-- latest run; a credit on a later bill that matches a claim's open amount settles it (one row per settling period,
-- replaced when that period is reconciled again).
create table overcharge_claim (
    provider        varchar(64) not null,
    billing_account varchar(255) collate "C" not null,
    period          varchar(10) not null,
    amount          numeric not null,
    run_id          uuid not null,
    evidence        text not null,
    claimed_at      timestamp(6) with time zone not null,
    primary key (provider, billing_account, period)
);

create table claim_settlement (
    provider        varchar(64) not null,
    billing_account varchar(255) collate "C" not null,
    claim_period    varchar(10) not null,
    settled_in      varchar(10) not null,
    amount          numeric not null,
    primary key (provider, billing_account, claim_period, settled_in),
    foreign key (provider, billing_account, claim_period) references overcharge_claim (provider, billing_account, period)
        on delete cascade
);
