-- The tally ledger is compacted in the background (UnitTallyCompactor), not by each run: a compacted row says so, the
-- ledger's appends do not (the default), and a partial index finds the days with appends still to fold in.
alter table unit_tally add column compacted boolean not null default false;
create index unit_tally_appended on unit_tally (day) where not compacted;
