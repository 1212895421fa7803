package io.lcpr.reconcile.usage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;

import org.hibernate.Session;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.period.RangeQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * What runs, signals and alerts read of the folded usage: a period's rollups (by hour, or summed per day), and its
 * stored calls where a rollup cannot be priced whole or a figure needs them one by one. Never writes.
 */
@ApplicationScoped
public class PeriodUsageRepository {
    private final EntityManager em;

    public PeriodUsageRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Token sums of one key over a span (an hour as stored, or a day summed from its hours): the calls that started
     * in [start, start + span).
     */
    public record Rollup(Instant start, Duration span, String provider, String projectId, String model,
            String serviceTier, String workload, String team, String attemptKind, int promptClass, boolean sampled,
            long calls, long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens,
            long reasoningApart, long minInput, long maxInput) {
    }

    /** The hourly rollups of [from, to) summed per day and key: a month's pricing reads a day's rows at once. */
    public void streamDaily(Instant from, Instant to, Consumer<Rollup> sink) {
        // the month's hourly rows sorted in memory, not in temporary files (a 10-million-trace month spilled 15 MB)
        UsageRepository.setting(session(), "set local work_mem = '64MB'");
        // a second core for the month's aggregation (the planner's defaults say no to so few pages); a parallel plan
        // needs the result read whole, not by cursor: one row per day and key, bounded by the keys, not the calls
        UsageRepository.setting(session(), "set local parallel_setup_cost = 10");
        UsageRepository.setting(session(), "set local parallel_tuple_cost = 0.001");
        streamRollups("date_trunc('day', hour, 'UTC')", Duration.ofDays(1), from, to, 0, sink);
    }

    /** The hourly rollups of [from, to) as stored. */
    public void streamHourly(Instant from, Instant to, Consumer<Rollup> sink) {
        streamRollups("hour", Duration.ofHours(1), from, to, 10_000, sink);
    }

    private void streamRollups(String start, Duration span, Instant from, Instant to, int fetchSize,
            Consumer<Rollup> sink) {
        RangeQuery.stream(session(), "select " + start + ", provider, project_id, model, service_tier, workload, team,"
                + " attempt_kind, prompt_class, sampled, sum(calls), sum(input_tokens), sum(cache_read_tokens),"
                + " sum(cache_creation_tokens), sum(output_tokens), sum(reasoning_apart), min(min_input), max(max_input)"
                + " from usage_hourly where hour >= ? and hour < ? group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10", from, to,
                fetchSize, rs -> sink.accept(new Rollup(rs.getTimestamp(1).toInstant(), span, rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getInt(9), rs.getBoolean(10), rs.getLong(11), rs.getLong(12),
                        rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                        rs.getLong(18))));
    }

    /** Non-token sums of one key, unit and hour: weighted quantity and calls. */
    public record UnitRollup(Instant hour, String provider, String projectId, String model, String serviceTier,
            String workload, String team, String attemptKind, boolean sampled, String unit, BigDecimal quantity,
            long calls) {
    }

    /** The non-token sums of [from, to) by hour, as stored. */
    public void streamUnitHourly(Instant from, Instant to, Consumer<UnitRollup> sink) {
        RangeQuery.stream(session(), "select hour, provider, project_id, model, service_tier, workload, team,"
                + " attempt_kind, sampled, unit, quantity, calls from usage_unit_hourly where hour >= ? and hour < ?",
                from, to, 10_000, rs -> sink.accept(new UnitRollup(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getBoolean(9), rs.getString(10), rs.getBigDecimal(11), rs.getLong(12))));
    }

    /** A stored call's count of one non-token unit. */
    public record UnitCount(WeightedCall call, String unit, BigDecimal quantity) {
    }

    /** The non-token counts of the calls that started in an hour: priced one by one where a price changes inside it. */
    public List<UnitCount> unitCountsOfHour(Instant hour) {
        return unitCountsOfHour(hour, null);
    }

    /** The same, of one API key's calls only ({@code apiKey} null: every call). */
    public List<UnitCount> unitCountsOfHour(Instant hour, String apiKey) {
        return session().doReturningWork(connection -> {
            List<UnitCount> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select c.request_id, c.work_unit_id,"
                    + " c.attempt_kind, c.workload, c.team, c.provider, c.project_id, c.model, c.service_tier,"
                    + " c.started_at, c.weight, u.unit, u.quantity from usage_call_unit u join usage_call c"
                    + " using (dedupe_key) where c.started_at >= ? and c.started_at < ?"
                    + (apiKey == null ? "" : " and c.api_key_id = ?"))) {
                ps.setObject(1, hour.atOffset(ZoneOffset.UTC));
                ps.setObject(2, hour.plusSeconds(3600).atOffset(ZoneOffset.UTC));
                if (apiKey != null) {
                    ps.setString(3, apiKey);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Call c = new Call(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getTimestamp(10).toInstant(), 0, 0, 0, 0, 0, null, null);
                        out.add(new UnitCount(new WeightedCall(c, rs.getInt(11)), rs.getString(12),
                                rs.getBigDecimal(13)));
                    }
                }
            }
            return out;
        });
    }

    /** A stored call with its sampling weight. */
    public record WeightedCall(Call call, int weight) {
    }

    /** The calls a rollup of an hour or less sums (same span and key). */
    public List<WeightedCall> callsOf(Rollup h) {
        return calls(" and provider = ? and coalesce(project_id, '') = ? and model = ? and service_tier = ?"
                + " and coalesce(workload, '') = ? and coalesce(team, '') = ? and attempt_kind = ? and (weight > 1) = ?",
                h.start(), h.start().plus(h.span()), List.of(h.provider(), h.projectId(), h.model(), h.serviceTier(),
                        h.workload(), h.team(), h.attemptKind(), h.sampled()))
                .stream().filter(c -> FoldKeys.promptClass(c.call().inputTokens()) == h.promptClass()).toList();
    }

    /**
     * The calls of an hour a price changes in, summed per rollup key between the hour's start, each change inside it
     * ({@code cuts}, in time order) and the hour's end: one rollup per key and segment, spanning the segment, so each
     * is priced whole at the price in force at its start. {@code apiKey} non-null: that key's calls, keyed as its
     * hourly rollups are (no workload or team).
     */
    public void streamSegments(Instant hour, SortedSet<Instant> cuts, String apiKey,
            Consumer<Rollup> sink) {
        List<Instant> bounds = new ArrayList<>();
        bounds.add(hour);
        bounds.addAll(cuts);
        bounds.add(hour.plusSeconds(3600));
        String byUnit = apiKey == null ? "coalesce(workload, ''), coalesce(team, ''), attempt_kind"
                : "'', '', 'first_attempt'";
        String groups = apiKey == null ? "1, 2, 3, 4, 5, 6, 7, 8, 9, 10" : "1, 2, 3, 4, 5, 9, 10";
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select width_bucket(started_at, cast(? as"
                    + " timestamptz[])), provider, coalesce(project_id, ''), model, service_tier, " + byUnit + ","
                    + " prompt_class(input_tokens), weight > 1, sum(weight), " + UsageRepository.TOKEN_SUMS
                    + " from usage_call where started_at >= ? and started_at < ?"
                    + (apiKey == null ? "" : " and api_key_id = ?") + " group by " + groups)) {
                ps.setString(1, bounds.subList(0, bounds.size() - 1).stream().map(Instant::toString)
                        .collect(Collectors.joining(",", "{", "}")));
                ps.setObject(2, hour.atOffset(ZoneOffset.UTC));
                ps.setObject(3, hour.plusSeconds(3600).atOffset(ZoneOffset.UTC));
                if (apiKey != null) {
                    ps.setString(4, apiKey);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int segment = rs.getInt(1); // 1: from the hour's start to the first cut
                        Instant start = bounds.get(segment - 1);
                        sink.accept(new Rollup(start, Duration.between(start, bounds.get(segment)), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getInt(9), rs.getBoolean(10), rs.getLong(11), rs.getLong(12),
                                rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                                rs.getLong(18)));
                    }
                }
            }
        });
    }

    /**
     * The calls of at least {@link FoldKeys#SMALL_PROMPT} input tokens that started in [from, to) (a partial index
     * holds only these): where a long-context threshold splits a day's rollup of a long prompt class, the day's few long calls
     * are read at once instead of every call of its hours.
     */
    public List<WeightedCall> longPromptCalls(Instant from, Instant to) {
        return calls(" and input_tokens >= " + FoldKeys.SMALL_PROMPT, from, to, List.of());
    }

    /** One API key's calls an hourly key rollup sums (KeyUsageRepository's rows: no workload or team in the key). */
    public List<WeightedCall> callsOfKey(String apiKey, Rollup h) {
        return calls(" and api_key_id = ? and provider = ? and coalesce(project_id, '') = ? and model = ?"
                + " and service_tier = ? and (weight > 1) = ?", h.start(), h.start().plus(h.span()), List.of(apiKey,
                        h.provider(), h.projectId(), h.model(), h.serviceTier(), h.sampled()))
                .stream().filter(c -> FoldKeys.promptClass(c.call().inputTokens()) == h.promptClass()).toList();
    }

    /** One API key's long-prompt calls of [from, to). */
    public List<WeightedCall> longPromptCallsOfKey(String apiKey, Instant from, Instant to) {
        return calls(" and input_tokens >= " + FoldKeys.SMALL_PROMPT + " and api_key_id = ?", from, to,
                List.of(apiKey));
    }

    /** One API key's non-token sums of [from, to) by the hour, from its calls' counts. */
    public void streamUnitHourlyOfKey(String apiKey, Instant from, Instant to, Consumer<UnitRollup> sink) {
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select date_trunc('hour', c.started_at, 'UTC'), c.provider, coalesce(c.project_id, ''), c.model,
                        c.service_tier, c.weight > 1, u.unit, sum(c.weight * u.quantity), sum(c.weight)
                    from usage_call c join usage_call_unit u using (dedupe_key)
                    where c.api_key_id = ? and c.started_at >= ? and c.started_at < ?
                    group by 1, 2, 3, 4, 5, 6, 7
                    """)) {
                ps.setString(1, apiKey);
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new UnitRollup(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), "", "", "first_attempt", rs.getBoolean(6),
                                rs.getString(7), rs.getBigDecimal(8), rs.getLong(9)));
                    }
                }
            }
        });
    }

    private List<WeightedCall> calls(String andWhere, Instant from, Instant to, List<Object> params) {
        return session().doReturningWork(connection -> {
            List<WeightedCall> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select request_id, work_unit_id, attempt_kind,"
                    + " workload, team, provider, project_id, model, service_tier, started_at, input_tokens,"
                    + " cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_tokens, ttft_ms, e2e_ms,"
                    + " weight from usage_call where started_at >= ? and started_at < ?" + andWhere)) {
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 3, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WeightedCall(call(rs, 1, nullableLong(rs, 16), nullableLong(rs, 17)),
                                rs.getInt(18)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The calls of [from, to) billed to a provider account (its project; every project of the provider when
     * {@code projectId} is null), streamed: what a request-level bill is matched against.
     */
    public void streamCallsOfAccount(String provider, String projectId, Instant from, Instant to,
            Consumer<WeightedCall> sink) {
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select request_id, work_unit_id, attempt_kind,"
                    + " workload, team, provider, project_id, model, service_tier, started_at, input_tokens,"
                    + " cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_tokens, weight"
                    + " from usage_call where started_at >= ? and started_at < ? and provider = ?"
                    + (projectId == null ? "" : " and project_id = ?"))) {
                ps.setFetchSize(10_000);
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                ps.setString(3, provider);
                if (projectId != null) {
                    ps.setString(4, projectId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new WeightedCall(call(rs, 1, null, null), rs.getInt(16)));
                    }
                }
            }
        });
    }

    /** A stored call of a unit, with the unit's key and whether the unit was accepted. */
    public record UnitCall(String unitKey, Call call, int weight, boolean accepted) {
    }

    /**
     * The calls of a workload's units whose final attempt falls in [from, to) (calls from a day before on, so a task
     * that began the evening before is whole), streamed: what an agentic workload's task figures read.
     */
    public void streamUnitCalls(String workload, Instant from, Instant to, Consumer<UnitCall> sink) {
        session().doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    select c.unit_key, c.request_id, c.work_unit_id, c.attempt_kind, c.workload, c.team, c.provider,
                           c.project_id, c.model, c.service_tier, c.started_at, c.input_tokens, c.cache_read_tokens,
                           c.cache_creation_tokens, c.output_tokens, c.reasoning_tokens, c.weight, w.result
                    from work_unit w join usage_call c on c.unit_key = w.unit_key
                    where w.workload = ? and w.attempts > 0 and w.final_started_at >= ? and w.final_started_at < ?
                      and c.workload = ? and c.started_at >= ? and c.started_at < ?
                    """)) {
                ps.setFetchSize(10_000);
                ps.setString(1, workload);
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, to.atOffset(ZoneOffset.UTC));
                ps.setString(4, workload);
                ps.setObject(5, from.minus(java.time.Duration.ofDays(1)).atOffset(ZoneOffset.UTC));
                ps.setObject(6, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Call c = call(rs, 2, null, null);
                        int result = rs.getInt(18);
                        sink.accept(new UnitCall(rs.getString(1), c, rs.getInt(17), result == 1 || result == 2));
                    }
                }
            }
        });
    }

    /**
     * The stored calls that started in a range, as the traces they came from (the fields reconcile keeps) with their
     * sampling weight, streamed: what a rebuild of the operating signals folds again.
     */
    public void streamStoredTraces(Instant from, Instant to, ObjIntConsumer<CanonicalTrace> sink) {
        RangeQuery.stream(session(), "select request_id, work_unit_id, attempt_kind, workload, team, provider,"
                + " project_id, model, service_tier, started_at, input_tokens, cache_read_tokens, cache_creation_tokens,"
                + " output_tokens, reasoning_tokens, ttft_ms, e2e_ms, api_key_id, status, error_type, weight"
                + " from usage_call where started_at >= ? and started_at < ?", from, to, 10_000,
                rs -> sink.accept(new CanonicalTrace(rs.getString(1), null, null, rs.getString(2), null,
                        rs.getString(3), rs.getString(4), rs.getString(5), null, rs.getString(6), rs.getString(8),
                        rs.getString(9), null, rs.getString(18), rs.getString(7), null, null,
                        rs.getTimestamp(10).toInstant(), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                        rs.getLong(14), rs.getLong(15), nullableLong(rs, 16), nullableLong(rs, 17), rs.getString(19),
                        rs.getString(20), null, null), rs.getInt(21)));
    }

    /** The latest start of a stored call: how far event time has come (the alerts' watermark). */
    public Optional<Instant> latestStart() {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select max(started_at) from usage_call");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.sql.Timestamp t = rs.getTimestamp(1);
                return Optional.ofNullable(t == null ? null : t.toInstant());
            }
        });
    }

    /**
     * What has been received: calls started in the period (from the rollups: a poll of /api/usage must not scan the
     * month's calls), outcomes and price versions overall.
     */
    public long[] counts(Period period) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select"
                    + " (select coalesce(sum(stored_calls), 0) from usage_hourly where hour >= ? and hour < ?),"
                    + " (select n from received_count where what = 'outcome_verdict'),"
                    + " (select count(*) from price_version)")) {
                ps.setObject(1, period.start().atOffset(ZoneOffset.UTC));
                ps.setObject(2, period.end().atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) };
                }
            }
        });
    }

    /**
     * A call read from fifteen columns starting at {@code first}: request_id, work_unit_id, attempt_kind, workload,
     * team, provider, project_id, model, service_tier, started_at, input_tokens, cache_read_tokens,
     * cache_creation_tokens, output_tokens, reasoning_tokens (the order every read of usage_call selects them in).
     */
    public static Call call(ResultSet rs, int first, Long ttftMs, Long e2eMs) throws SQLException {
        return new Call(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                rs.getString(first + 7), rs.getString(first + 8), rs.getTimestamp(first + 9).toInstant(),
                rs.getLong(first + 10), rs.getLong(first + 11), rs.getLong(first + 12), rs.getLong(first + 13),
                rs.getLong(first + 14), ttftMs, e2eMs);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Makes the current transaction see one snapshot (its first statement): a rebuild that deletes what was folded
     * and folds the stored calls again then counts a poll committed meanwhile exactly once, in the rows it leaves or
     * in the calls it reads, never in both. A concurrent change to a row it deletes fails it with SQLSTATE 40001, to
     * be tried again.
     */
    public void snapshotIsolation() {
        UsageRepository.setting(session(), "set transaction isolation level repeatable read");
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
