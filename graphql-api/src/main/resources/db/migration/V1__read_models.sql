-- Projections of other services' events; nothing here is authoritative. Each row keeps the event as received.
create table projected_event (
    id          bigserial primary key,
    event_id    uuid not null unique,
    topic       varchar(255) not null,
    period      varchar(10) not null,
    subject     varchar(255) not null,
    mode        varchar(32),
    run_id      uuid not null,
    occurred_at timestamp(6) with time zone not null,
    event       text not null
);
create index projected_event_lookup on projected_event (topic, period, subject, occurred_at desc);
create index projected_event_run on projected_event (topic, run_id);
