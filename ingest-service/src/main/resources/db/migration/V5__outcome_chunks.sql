-- Outcomes are published by chunk, like traces (V2): chunk c numbers its outcome rows c * 2^20 + i, and one row
-- here per chunk is the outbox of its llm.outcomes.v1 events, in place of an outbox_message row per outcome.
-- Chunks start above the ids the outcome table's own sequence gave out; rows stored before keep them.
create sequence outcome_chunk_seq start with 1;
select setval('outcome_chunk_seq', coalesce((select max(id) from outcome), 0) / 1048576 + 1, false);

create table outcome_chunk (
    chunk_id     bigint primary key,
    outcomes     integer not null,
    created_at   timestamp(6) with time zone not null default now(),
    published_at timestamp(6) with time zone
);
create index outcome_chunk_unpublished on outcome_chunk (chunk_id) where published_at is null;
