-- The customer account a call served (the canonical record's `account`): a margin per customer account prices the
-- calls of the accounts a revenue term names. Read only when such a term exists, so no index is kept for it (every
-- fold would pay for one); such a run reads the period's calls once.
alter table usage_call add column account varchar(255) collate "C";
