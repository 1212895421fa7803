-- A request-level export (a gateway's spend log, a provider's per-request billing) names the request each line
-- bills: such an account is matched to its traces request by request (missing_provider_request_id).
alter table invoice_line add column request_id varchar(255) collate "C";
create index invoice_line_requests on invoice_line (period, provider, billing_account)
    where request_id is not null and superseded_by is null;
