-- Shared by every service, in its own schema: events leave through the outbox written in the business
-- transaction, and arrive through processed_event so a redelivered event changes nothing.
create table outbox_message (
    id           uuid primary key,
    topic        varchar(255) not null,
    message_key  varchar(1024),
    payload      text not null,
    headers      text,
    created_at   timestamp(6) with time zone not null,
    published_at timestamp(6) with time zone
);
create index outbox_message_unpublished on outbox_message (created_at) where published_at is null;

create table processed_event (
    consumer     varchar(255) not null,
    event_id     uuid not null,
    processed_at timestamp(6) with time zone not null default now(),
    primary key (consumer, event_id)
);
