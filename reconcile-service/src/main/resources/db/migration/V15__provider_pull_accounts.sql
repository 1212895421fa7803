-- Provider accounts whose usage and cost are pulled from the provider APIs on a schedule (issue 13). The secret is
-- never stored: credential_ref names where it lives (env:NAME or config:key), e.g. a Kubernetes Secret as env var.
create table provider_pull_account (
    name            varchar(255) primary key,
    provider        varchar(64) not null,
    api             varchar(16) not null,
    base_url        varchar(1000) not null,
    billing_account varchar(255) not null,
    credential_ref  varchar(255) not null,
    last_pull_at    timestamp(6) with time zone,
    last_status     varchar(16),
    last_error      text
);
