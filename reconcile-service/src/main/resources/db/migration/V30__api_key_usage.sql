-- What each API key used, per hour and priced key (provider, project, model, tier, prompt class, sampled): the token
-- sums a budget on an API key is priced from (operating-signals issue: budgets per API key). Appended per poll beside
-- the operating signals and merged by their compactor; rebuilt with them from stored calls.
create table usage_key_hourly (
    hour                  timestamp(6) with time zone not null,
    api_key_id            varchar(255) collate "C" not null,
    provider              varchar(64) collate "C" not null,
    project_id            varchar(255) collate "C" not null,
    model                 varchar(255) collate "C" not null,
    service_tier          varchar(32) collate "C" not null,
    prompt_class          smallint not null,
    sampled               boolean not null,
    calls                 bigint not null,
    input_tokens          bigint not null,
    cache_read_tokens     bigint not null,
    cache_creation_tokens bigint not null,
    output_tokens         bigint not null,
    reasoning_apart       bigint not null,
    min_input             bigint not null,
    max_input             bigint not null
);
create index usage_key_hourly_key on usage_key_hourly (api_key_id, hour);
create index usage_key_hourly_hour on usage_key_hourly (hour);
