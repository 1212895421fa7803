-- Alerts delivered to webhooks (a Slack-compatible JSON body). A delivery row is written in the transaction that
-- publishes the alert, so a failing webhook never loses one: it is retried with backoff until it answers 2xx.
create table alert_webhook (
    name       varchar(128) primary key,
    url        varchar(2048) not null,
    -- the rules whose alerts it receives, comma-separated; null: every rule
    rules      varchar(2048),
    updated_at timestamp(6) with time zone not null
);

create table alert_delivery (
    id              bigserial primary key,
    webhook         varchar(128) not null references alert_webhook (name) on delete cascade,
    alert_event_id  uuid not null,
    body            text not null,
    attempts        integer not null default 0,
    next_attempt_at timestamp(6) with time zone not null,
    delivered_at    timestamp(6) with time zone,
    last_error      varchar(1024)
);
create index alert_delivery_due on alert_delivery (next_attempt_at) where delivered_at is null;
