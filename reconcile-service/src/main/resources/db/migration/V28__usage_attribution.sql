-- What chargeback's transfers and capacity need from traces (chargeback issue): per hour, the calls and tokens of
-- each team on a shared prompt prefix (attribute lcpr.prefix_id), a fine-tuned adapter (lcpr.adapter_id) or a
-- dedicated endpoint (lcpr.endpoint_id), by provider, model and tier. Folded from a poll's new traces on arrival
-- (appended, summed on read), so each trace counts once; calls keep no attributes, so a rebuild leaves these rows.
create table usage_attribution_hourly (
    hour                  timestamp(6) with time zone not null,
    kind                  varchar(16) collate "C" not null,
    ref                   varchar(255) collate "C" not null,
    team                  varchar(255) collate "C" not null,
    provider              varchar(64) collate "C" not null,
    model                 varchar(255) collate "C" not null,
    service_tier          varchar(32) collate "C" not null,
    calls                 bigint not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null
);
create index usage_attribution_hourly_hour on usage_attribution_hourly (hour);
