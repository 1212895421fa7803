-- Prompt classes split at the long-context thresholds listed prices use (LiteLLM's above_128k and above_200k, a
-- call priced long above 128,000 or 200,000 input tokens): a rollup of a known threshold's class no longer holds
-- calls of both sides, so a run prices it whole instead of reading its calls back (a 10-million-trace month read
-- 13,809 long calls by random heap access, about 1.5 s of its run). An unlisted threshold still splits a class and
-- is priced call by call, exactly as before.
-- The class: 0 below 32,768 input tokens; above, 4 * floor(log2(input tokens)), plus one above a listed threshold of
-- that power of two. UsageRepository.promptClass is the same function in Java (the fold computes it there).
create function prompt_class(input_tokens bigint) returns smallint language sql immutable parallel safe as $$
    select (case when input_tokens < 32768 then 0
        else 4 * (64 - position('1' in input_tokens::bit(64)::text))
            + case when (input_tokens > 128000 and input_tokens < 131072)
                     or (input_tokens > 200000 and input_tokens < 262144) then 1 else 0 end
        end)::smallint
$$;

-- The long-prompt rollups stored so far, folded again from their calls with the new classes (the calls with a long
-- prompt are few and indexed: V7), so that no hour mixes the two numberings.
delete from usage_hourly where prompt_class > 0;
insert into usage_hourly (hour, provider, project_id, model, service_tier, workload, team, attempt_kind,
    prompt_class, sampled, calls, stored_calls, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens,
    reasoning_apart, min_input, max_input)
select date_trunc('hour', started_at, 'UTC'), provider, coalesce(project_id, ''), model, service_tier,
    coalesce(workload, ''), coalesce(team, ''), attempt_kind, prompt_class(input_tokens), weight > 1, sum(weight),
    count(*), sum(weight * input_tokens), sum(weight * cache_read_tokens), sum(weight * cache_creation_tokens),
    sum(weight * output_tokens), sum(weight * least(reasoning_tokens, output_tokens)), min(input_tokens),
    max(input_tokens)
from usage_call where input_tokens >= 32768
group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

delete from usage_key_hourly where prompt_class > 0;
insert into usage_key_hourly (hour, api_key_id, provider, project_id, model, service_tier, prompt_class, sampled,
    calls, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_apart, min_input,
    max_input)
select date_trunc('hour', started_at, 'UTC'), api_key_id, provider, coalesce(project_id, ''), model, service_tier,
    prompt_class(input_tokens), weight > 1, sum(weight), sum(weight * input_tokens), sum(weight * cache_read_tokens),
    sum(weight * cache_creation_tokens), sum(weight * output_tokens),
    sum(weight * least(reasoning_tokens, output_tokens)), min(input_tokens), max(input_tokens)
from usage_call where input_tokens >= 32768 and btrim(coalesce(api_key_id, '')) <> ''
group by 1, 2, 3, 4, 5, 6, 7, 8;
