-- What an account's delta % is judged against for the 5% verdict: the invoice (000's 4.4%) unless the contract
-- says trace (001's 8.6%).
alter table provider_contract add column delta_basis varchar(16) not null default 'invoice';
