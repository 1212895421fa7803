-- Inference incidents (001 ch 26): declared through the API (or from an alert), costed from the folded data.
create table incident (
    id                 uuid primary key,
    name               varchar(255) not null,
    category           varchar(32) not null,
    workloads          varchar(2048) not null,
    alert_id           uuid,
    started_at         timestamp(6) with time zone not null,
    detected_at        timestamp(6) with time zone,
    mitigated_at       timestamp(6) with time zone,
    resolved_at        timestamp(6) with time zone,
    baseline_hours     integer not null,
    engineering_hours  numeric(10, 2) not null,
    engineering_rate   numeric(19, 6) not null,
    status             varchar(16) not null,
    updated_at         timestamp(6) with time zone not null
);
