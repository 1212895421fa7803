package io.lcpr.reconcile.signal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

import org.hibernate.Session;

import io.lcpr.delivery.copy.BinaryCopy;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.usage.FoldKeys;
import io.lcpr.reconcile.usage.PeriodUsageRepository.Rollup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code usage_key_hourly}: each API key's token sums per hour and priced key, folded beside the operating signals
 * (appended per poll, merged per hour by the compactor), read back as rollups a budget on the key is priced from.
 */
@ApplicationScoped
public class KeyUsageRepository {
    private static final String COPY_ROWS = """
            copy usage_key_hourly (hour, api_key_id, provider, project_id, model, service_tier, prompt_class, sampled,
                calls, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, reasoning_apart,
                min_input, max_input)
            from stdin (format binary)""";

    private final EntityManager em;

    public KeyUsageRepository(EntityManager em) {
        this.em = em;
    }

    /** A key's sums being folded: what {@code usage_hourly} sums per key, for one API key. */
    record Key(Instant hour, String apiKey, String provider, String projectId, String model, String tier,
            int promptClass, boolean sampled) {
        static Key of(CanonicalTrace t, int weight) {
            return new Key(t.startedAt().truncatedTo(ChronoUnit.HOURS), t.apiKeyId(), t.provider(),
                    t.projectId() == null ? "" : t.projectId(), t.model(), t.serviceTier() == null ? "standard"
                            : t.serviceTier(), FoldKeys.promptClass(t.inputTokens()), weight > 1);
        }
    }

    /** Adds a call (standing for {@code weight}) to the sums of its key; calls without an API key are not kept. */
    static void add(Map<Key, long[]> sums, CanonicalTrace t, int weight) {
        if (t.apiKeyId() == null || t.apiKeyId().isBlank()) {
            return;
        }
        long[] s = sums.computeIfAbsent(Key.of(t, weight), k -> new long[] { 0, 0, 0, 0, 0, 0, Long.MAX_VALUE, 0 });
        long reasoning = t.reasoningTokens() == null ? 0 : Math.min(t.reasoningTokens(), t.outputOrZero());
        s[0] += weight;
        s[1] += weight * t.inputTokens();
        s[2] += weight * t.cacheReadOrZero();
        s[3] += weight * t.cacheCreationOrZero();
        s[4] += weight * t.outputOrZero();
        s[5] += weight * reasoning;
        s[6] = Math.min(s[6], t.inputTokens());
        s[7] = Math.max(s[7], t.inputTokens());
    }

    /** Appends one row per key, in one COPY (a poll has hundreds of keys: a statement each cost more than the row). */
    void append(Map<Key, long[]> sums) {
        if (sums.isEmpty()) {
            return;
        }
        BinaryCopy rows = new BinaryCopy(64 + sums.size() * 160);
        for (Map.Entry<Key, long[]> e : sums.entrySet()) {
            Key k = e.getKey();
            rows.row(16);
            rows.timestampField(k.hour());
            rows.text(k.apiKey());
            rows.text(k.provider());
            rows.text(k.projectId());
            rows.text(k.model());
            rows.text(k.tier());
            rows.int16Field((short) k.promptClass());
            rows.boolField(k.sampled());
            for (long sum : e.getValue()) {
                rows.int64Field(sum);
            }
        }
        session().doWork(c -> rows.copyIn(c, COPY_ROWS));
    }

    /** Merges an hour's rows into one per key; returns the rows merged away. */
    int compact(Instant hour) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with gone as (
                        delete from usage_key_hourly where hour = ? returning *
                    ), merged as (
                        insert into usage_key_hourly (hour, api_key_id, provider, project_id, model, service_tier,
                            prompt_class, sampled, calls, input_tokens, cache_read_tokens, cache_creation_tokens,
                            output_tokens, reasoning_apart, min_input, max_input)
                        select hour, api_key_id, provider, project_id, model, service_tier, prompt_class, sampled,
                            sum(calls), sum(input_tokens), sum(cache_read_tokens), sum(cache_creation_tokens),
                            sum(output_tokens), sum(reasoning_apart), min(min_input), max(max_input)
                        from gone group by 1, 2, 3, 4, 5, 6, 7, 8
                        returning 1
                    )
                    select (select count(*) from gone) - (select count(*) from merged)
                    """)) {
                ps.setObject(1, hour.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Deletes a range's rows before a rebuild folds its stored calls again. */
    int delete(Instant from, Instant to) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from usage_key_hourly where hour >= ? and hour < ?")) {
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    /** One API key's rollups of [from, to) by the hour, as the usage rollups are read (workload and team empty). */
    public void hourly(String apiKey, Instant from, Instant to, Consumer<Rollup> sink) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select hour, provider, project_id, model, service_tier,"
                    + " prompt_class, sampled, sum(calls), sum(input_tokens), sum(cache_read_tokens),"
                    + " sum(cache_creation_tokens), sum(output_tokens), sum(reasoning_apart), min(min_input),"
                    + " max(max_input) from usage_key_hourly where api_key_id = ? and hour >= ? and hour < ?"
                    + " group by 1, 2, 3, 4, 5, 6, 7 order by 1")) {
                ps.setString(1, apiKey);
                ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                ps.setObject(3, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new Rollup(rs.getTimestamp(1).toInstant(), Duration.ofHours(1),
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), "", "",
                                "first_attempt", rs.getInt(6), rs.getBoolean(7), rs.getLong(8), rs.getLong(9),
                                rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                                rs.getLong(15)));
                    }
                }
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
