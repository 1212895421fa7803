package io.lcpr.reconcile.goodput;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.usage.FoldKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Load-test calls: a trace tagged {@code lcpr.load_test.run_id} and {@code lcpr.load_test.rate_rps} (the offered
 * request rate of its step), with {@code lcpr.route} naming the route under test (else provider/model), kept whole
 * in the poll's transaction; and the vendors' throughput claims.
 */
@ApplicationScoped
public class LoadTestRepository {
    public static final String RUN_ID = "lcpr.load_test.run_id";
    public static final String RATE = "lcpr.load_test.rate_rps";
    public static final String ROUTE = "lcpr.route";
    private static final Logger LOG = Logger.getLogger(LoadTestRepository.class);

    private final EntityManager em;

    public LoadTestRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Keeps a poll's new load-test calls (graders' aside: they judge, they are not load); a tagged trace without a
     * usable rate is logged and left out.
     */
    public void fold(List<CanonicalTrace> traces) {
        List<CanonicalTrace> tagged = traces.stream().filter(t -> t.attributes() != null
                && t.attributes().containsKey(RUN_ID) && !Call.isGrader(t.attemptKind())).toList();
        if (tagged.isEmpty()) {
            return;
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into load_test_call (dedupe_key, run_id, rate_rps, route, workload, unit_key, started_at,
                        provider, model, service_tier, input_tokens, cache_read_tokens, cache_creation_tokens,
                        output_tokens, ttft_ms, e2e_ms, failed)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                    """)) {
                for (CanonicalTrace t : tagged) {
                    Map<String, String> a = t.attributes();
                    BigDecimal rate;
                    try {
                        rate = new BigDecimal(a.getOrDefault(RATE, ""));
                    } catch (NumberFormatException e) {
                        rate = null;
                    }
                    if (rate == null || rate.signum() <= 0) {
                        LOG.warnf("load-test trace %s of run %s: attribute %s is '%s', not a positive rate;"
                                + " left out of the goodput analysis", t.requestId(), a.get(RUN_ID), RATE,
                                a.get(RATE));
                        continue;
                    }
                    String run = a.get(RUN_ID);
                    ps.setString(1, run + ":" + (t.requestId() != null ? t.requestId() : t.spanId()));
                    ps.setString(2, run);
                    ps.setBigDecimal(3, rate);
                    ps.setString(4, a.getOrDefault(ROUTE, t.provider() + "/" + t.model()));
                    ps.setString(5, t.workload() == null ? "unknown" : t.workload());
                    ps.setString(6, FoldKeys.unitKey(t));
                    ps.setObject(7, t.startedAt().atOffset(ZoneOffset.UTC));
                    ps.setString(8, t.provider());
                    ps.setString(9, t.model());
                    ps.setString(10, t.serviceTier() == null ? "standard" : t.serviceTier());
                    ps.setLong(11, t.inputTokens() == null ? 0 : t.inputTokens());
                    ps.setLong(12, t.cacheReadOrZero());
                    ps.setLong(13, t.cacheCreationOrZero());
                    ps.setLong(14, t.outputOrZero());
                    ps.setObject(15, t.ttftMs());
                    ps.setObject(16, t.e2eMs());
                    ps.setBoolean(17, t.errored());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** A stored load-test call with its unit's verdict (null until judged) and what prices it. */
    public record Row(String runId, String route, String workload, double rateRps, Instant startedAt, String provider,
            String model, String serviceTier, long input, long cacheRead, long cacheCreation, long output, Long ttftMs,
            Long e2eMs, boolean failed, Boolean accepted) {
    }

    public List<Row> calls(List<String> runs) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select l.run_id, l.route, l.workload, l.rate_rps, l.started_at, l.provider, l.model,
                        l.service_tier, l.input_tokens, l.cache_read_tokens, l.cache_creation_tokens, l.output_tokens,
                        l.ttft_ms, l.e2e_ms, l.failed, w.result
                    from load_test_call l left join work_unit w on w.unit_key = l.unit_key
                    where l.run_id = any(?)
                    """)) {
                ps.setArray(1, c.createArrayOf("text", runs.toArray()));
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int result = rs.getInt(16);
                        Boolean accepted = rs.wasNull() ? null : result == 1 || result == 2;
                        out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                                (Long) rs.getObject(13), (Long) rs.getObject(14), rs.getBoolean(15), accepted));
                    }
                }
                return out;
            }
        });
    }

    /** Each run: its workload, routes, rates and calls. */
    public record RunSummary(String runId, String workload, List<String> routes, List<Double> ratesRps, long calls,
            Instant from, Instant to) {
    }

    public List<RunSummary> runs() {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select run_id, min(workload), array_agg(distinct route), array_agg(distinct rate_rps), count(*),
                        min(started_at), max(started_at)
                    from load_test_call group by run_id order by min(started_at) desc
                    """); ResultSet rs = ps.executeQuery()) {
                List<RunSummary> out = new ArrayList<>();
                while (rs.next()) {
                    List<Double> rates = new ArrayList<>();
                    for (Object o : (Object[]) rs.getArray(4).getArray()) {
                        rates.add(((BigDecimal) o).doubleValue());
                    }
                    rates.sort(null);
                    out.add(new RunSummary(rs.getString(1), rs.getString(2),
                            List.of((String[]) rs.getArray(3).getArray()), rates, rs.getLong(5),
                            rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()));
                }
                return out;
            }
        });
    }

    public void putClaim(String route, BigDecimal outputTokensPerSecond, String source, Instant now) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into throughput_claim (route, output_tokens_per_second, source, updated_at)
                    values (?, ?, ?, ?) on conflict (route) do update set
                        output_tokens_per_second = excluded.output_tokens_per_second, source = excluded.source,
                        updated_at = excluded.updated_at
                    """)) {
                ps.setString(1, route);
                ps.setBigDecimal(2, outputTokensPerSecond);
                ps.setString(3, source);
                ps.setObject(4, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        });
    }

    public Map<String, Double> claims() {
        return session().doReturningWork(c -> {
            Map<String, Double> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select route, output_tokens_per_second from throughput_claim"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return out;
        });
    }


    private Session session() {
        return em.unwrap(Session.class);
    }
}
