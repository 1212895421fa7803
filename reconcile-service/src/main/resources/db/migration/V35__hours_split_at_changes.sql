-- a run reads an hour a price or a contract changes in by segment between the changes: how many it read so
alter table reconciliation_run add column hours_split_at_changes bigint;
