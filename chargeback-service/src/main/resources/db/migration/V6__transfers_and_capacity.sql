-- Registries the allocation needs beyond traces (chargeback issue): shared prompt prefixes, fine-tuned adapters and
-- dedicated endpoints, each with its owner team; an adapter's training cost and expected calls, an endpoint's
-- capacity and cost per hour. Traces name them by attribute (reconcile-service states their use per team).
create table attributed_asset (
    kind                     varchar(16) not null,
    ref                      varchar(255) collate "C" not null,
    owner_team               varchar(255) not null,
    description              text,
    training_cost            numeric(19, 2),
    training_month           varchar(7),
    expected_calls           bigint,
    capacity_tokens_per_hour bigint,
    cost_per_hour            numeric(19, 6),
    updated_at               timestamp(6) with time zone not null,
    primary key (kind, ref)
);

-- The policy's options for transfers: a shared prefix's cache discount passed through to each reader (001's
-- default) or paid to the teams that warmed it; an adapter's training cost left with its trainer or amortized across
-- its callers over its expected calls.
alter table period_policy add column cache_discount varchar(16) not null default 'pass_through';
alter table period_policy add column adapter_cost varchar(16) not null default 'trainer';

-- What each closed month amortized of an adapter's training cost, so amortization stops at the cost.
create table adapter_amortization (
    period  varchar(7) not null,
    version integer not null,
    ref     varchar(255) collate "C" not null,
    amount  numeric(19, 2) not null,
    primary key (period, version, ref)
);
