-- The few calls with a long prompt (32,768 input tokens or more), by start: where a long-context threshold splits a
-- day's rollup, a run reads these instead of every call of the day (a 10-million-trace month's run spent its time
-- scanning whole hours for them). Only long calls are indexed, so folding pays for this index on those alone.
create index usage_call_long_prompt on usage_call (started_at) where input_tokens >= 32768;
