-- Append-only price history. A snapshot version states entries (a key's rates from effective_from, to an
-- explicit effective_to or until the key's next entry); a correction is a newer version restating the same start.
create sequence snapshot_version_order;

create table snapshot_version (
    id            uuid primary key,
    version_order bigint not null unique,
    source        varchar(255) not null,
    changed_by    varchar(255),
    created_at    timestamp(6) with time zone not null,
    content_hash  varchar(64) not null,
    entry_count   integer not null,
    skipped       text
);
create index snapshot_version_source_hash on snapshot_version (source, content_hash);

create table price_entry (
    id                            uuid primary key,
    version_id                    uuid not null references snapshot_version (id),
    version_order                 bigint not null,
    provider                      varchar(64) not null,
    model                         varchar(255) not null,
    service_tier                  varchar(32) not null,
    region                        varchar(64) not null,
    effective_from                timestamp(6) with time zone not null,
    effective_to                  timestamp(6) with time zone,
    currency                      varchar(3) not null,
    input_per_million             numeric(24, 12) not null,
    cache_read_per_million        numeric(24, 12) not null,
    cache_write_per_million       numeric(24, 12) not null,
    cache_write_1h_per_million    numeric(24, 12),
    output_per_million            numeric(24, 12) not null,
    reasoning_per_million         numeric(24, 12),
    long_context_threshold_tokens bigint,
    long_context_input_per_million       numeric(24, 12),
    long_context_cache_read_per_million  numeric(24, 12),
    long_context_cache_write_per_million numeric(24, 12),
    long_context_output_per_million      numeric(24, 12)
);
create index price_entry_key on price_entry (provider, model, service_tier, region, effective_from, version_order);
create index price_entry_range on price_entry (effective_from, effective_to);

create table model_alias (
    provider   varchar(64) not null,
    alias      varchar(255) not null,
    model      varchar(255) not null,
    created_at timestamp(6) with time zone not null,
    primary key (provider, alias)
);

-- The "contract" source of the four-source join: negotiated terms per provider account.
create table provider_contract (
    id                    uuid primary key,
    provider              varchar(64) not null,
    billing_account       varchar(255) not null,
    name                  varchar(255) not null,
    currency              varchar(3) not null,
    billing_time_zone     varchar(64) not null,
    period_start_day      integer not null,
    effective_from        timestamp(6) with time zone not null,
    effective_to          timestamp(6) with time zone,
    batch_discount_factor numeric(8, 6),
    committed_spend       numeric(19, 6),
    commitment_from       timestamp(6) with time zone,
    commitment_to         timestamp(6) with time zone,
    discounts             text not null,
    credits               text not null,
    created_at            timestamp(6) with time zone not null
);

create table revenue_term (
    id             uuid primary key,
    workload       varchar(255),
    account        varchar(255),
    kind           varchar(32) not null,
    amount         numeric(19, 6) not null,
    currency       varchar(3) not null,
    effective_from timestamp(6) with time zone not null,
    effective_to   timestamp(6) with time zone,
    created_at     timestamp(6) with time zone not null
);
