-- Append-only price history: a correction is a new row with a later effective_from, never an update.
create table pricing_snapshot (
    id                      uuid primary key,
    provider                varchar(64) not null,
    model                   varchar(255) not null,
    service_tier            varchar(32) not null,
    effective_from          timestamp(6) with time zone not null,
    currency                varchar(3) not null,
    input_per_million       numeric(19, 9) not null,
    cache_read_per_million  numeric(19, 9) not null,
    cache_write_per_million numeric(19, 9) not null,
    output_per_million      numeric(19, 9) not null,
    source                  varchar(255),
    changed_by              varchar(255),
    created_at              timestamp(6) with time zone not null,
    unique (provider, model, service_tier, effective_from)
);
