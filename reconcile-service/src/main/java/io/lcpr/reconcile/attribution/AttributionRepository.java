package io.lcpr.reconcile.attribution;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.hibernate.Session;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.period.RangeQuery;
import io.lcpr.reconcile.usage.FoldKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Folds and reads {@code usage_attribution_hourly}: appended per poll, summed on read. */
@ApplicationScoped
public class AttributionRepository {
    private final EntityManager em;

    public AttributionRepository(EntityManager em) {
        this.em = em;
    }

    /** Sums of one key: calls, input, cache-read, cache-creation and output tokens (weighted). */
    public record Sums(AttributionKey key, long calls, long input, long cacheRead, long cacheCreation, long output) {
    }

    /** Appends one row per key a poll's new traces (each once) carry, inside the poll's transaction. */
    public void fold(List<CanonicalTrace> traces) {
        Map<AttributionKey, long[]> sums = new java.util.HashMap<>();
        for (CanonicalTrace t : traces) {
            List<AttributionKey> keys = AttributionKey.of(t);
            if (keys.isEmpty()) {
                continue;
            }
            long w = FoldKeys.weight(t);
            for (AttributionKey k : keys) {
                long[] s = sums.computeIfAbsent(k, x -> new long[5]);
                s[0] += w;
                s[1] += w * t.inputTokens();
                s[2] += w * t.cacheReadOrZero();
                s[3] += w * t.cacheCreationOrZero();
                s[4] += w * t.outputOrZero();
            }
        }
        if (sums.isEmpty()) {
            return;
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into usage_attribution_hourly (hour, kind, ref,"
                    + " team, provider, model, service_tier, calls, input_tokens, cache_read_tokens,"
                    + " cache_creation_tokens, output_tokens) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<AttributionKey, long[]> e : sums.entrySet()) {
                    AttributionKey k = e.getKey();
                    ps.setObject(1, k.hour().atOffset(ZoneOffset.UTC));
                    ps.setString(2, k.kind());
                    ps.setString(3, k.ref());
                    ps.setString(4, k.team());
                    ps.setString(5, k.provider());
                    ps.setString(6, k.model());
                    ps.setString(7, k.serviceTier());
                    for (int i = 0; i < 5; i++) {
                        ps.setLong(8 + i, e.getValue()[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** The range's sums per hour and key, in hour order. */
    public void hourly(Instant from, Instant to, Consumer<Sums> sink) {
        RangeQuery.stream(session(), "select hour, kind, ref, team, provider, model, service_tier, sum(calls),"
                + " sum(input_tokens), sum(cache_read_tokens), sum(cache_creation_tokens), sum(output_tokens)"
                + " from usage_attribution_hourly where hour >= ? and hour < ? group by 1, 2, 3, 4, 5, 6, 7"
                + " order by 1", from, to, 2_000, rs -> sink.accept(new Sums(new AttributionKey(
                        rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), rs.getLong(8), rs.getLong(9),
                        rs.getLong(10), rs.getLong(11), rs.getLong(12))));
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
