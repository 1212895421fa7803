package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.hibernate.Session;

import io.lcpr.events.EventJson;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.reconcile.period.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** What the review pack reads from reconcile's store besides the usage rollups, and its actions. */
@ApplicationScoped
public class ReviewRepository {
    private final EntityManager em;

    public ReviewRepository(EntityManager em) {
        this.em = em;
    }

    /** The period's newest completed run: when it was made and what it published. */
    public record Run(Instant createdAt, ReconciliationCompletedV1 completed) {
    }

    public Optional<Run> newestRun(Period period) {
        return query("select created_at, summary from reconciliation_run where period = ? and status = 'completed'"
                + " order by created_at desc limit 1", ps -> ps.setString(1, period.label()), rs -> new Run(
                        rs.getTimestamp(1).toInstant(), EventJson.read(rs.getString(2),
                                ReconciliationCompletedV1.class))).stream().findFirst();
    }

    /** Each workload's newest LCPR of the period, by workload. */
    public Map<String, LcprComputedV1> results(Period period) {
        Map<String, LcprComputedV1> out = new TreeMap<>();
        query("select distinct on (workload) event from lcpr_result where period = ?"
                + " order by workload, created_at desc, id desc", ps -> ps.setString(1, period.label()),
                rs -> EventJson.read(rs.getString(1), LcprComputedV1.class))
                .forEach(e -> out.put(e.workload(), e));
        return out;
    }

    /** The month's failed eval verdicts of final attempts' units by workload and reason, most frequent first. */
    public Map<String, Map<String, Long>> failureReasons(Period period) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        query("""
                select w.workload, v.reason, count(distinct w.unit_key)
                from work_unit w join outcome_verdict v on v.unit_key = w.unit_key
                where w.final_started_at >= ? and w.final_started_at < ? and v.kind = 'eval' and v.passed = false
                  and v.reason is not null
                group by 1, 2 order by 3 desc, 2
                """, ps -> range(ps, period), rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getLong(3) })
                .forEach(r -> out.computeIfAbsent((String) r[0], w -> new LinkedHashMap<>()).put((String) r[1],
                        (Long) r[2]));
        return out;
    }

    /** Calls, and the busiest five minutes' calls, per provider and model over the period. */
    public record ModelTraffic(String provider, String model, long calls, long peakFiveMinuteCalls,
            long peakHourTokens) {
    }

    public Map<String, ModelTraffic> traffic(Period period) {
        Map<String, ModelTraffic> out = new TreeMap<>();
        query("""
                with h as (
                    select hour, provider, model, sum(calls) as calls, sum(input_tokens + output_tokens) as tokens
                    from usage_hourly where hour >= ? and hour < ? and attempt_kind <> 'eval_grader'
                    group by 1, 2, 3
                ), f as (
                    select provider, model, max(c) as peak from (
                        select bucket, provider, model, sum(calls) as c from signal_5m
                        where bucket >= ? and bucket < ? group by 1, 2, 3) b
                    group by 1, 2
                )
                select h.provider, h.model, sum(h.calls), coalesce(max(f.peak), 0), max(h.tokens)
                from h left join f on f.provider = h.provider and f.model = h.model
                group by 1, 2
                """, ps -> {
                    range(ps, period);
                    ps.setObject(3, period.start().atOffset(ZoneOffset.UTC));
                    ps.setObject(4, period.end().atOffset(ZoneOffset.UTC));
                }, rs -> new ModelTraffic(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5))).forEach(t -> out.put(t.provider() + "/" + t.model(), t));
        return out;
    }

    /** A recorded limit: a provider model's rate limit or a dedicated endpoint's capacity. */
    public record Limit(String kind, String ref, Long requestsPerMinute, Long tokensPerMinute, Long tokensPerHour,
            String source) {
    }

    public Map<String, Limit> limits() {
        Map<String, Limit> out = new TreeMap<>();
        query("select kind, ref, requests_per_minute, tokens_per_minute, tokens_per_hour, source from capacity_limit",
                ps -> {
                }, rs -> new Limit(rs.getString(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4),
                        (Long) rs.getObject(5), rs.getString(6))).forEach(l -> out.put(l.kind() + ":" + l.ref(), l));
        return out;
    }

    public void putLimit(Limit l, Instant now) {
        update("""
                insert into capacity_limit (kind, ref, requests_per_minute, tokens_per_minute, tokens_per_hour, source,
                    updated_at) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (kind, ref) do update set requests_per_minute = excluded.requests_per_minute,
                    tokens_per_minute = excluded.tokens_per_minute, tokens_per_hour = excluded.tokens_per_hour,
                    source = excluded.source, updated_at = excluded.updated_at
                """, ps -> {
                    ps.setString(1, l.kind());
                    ps.setString(2, l.ref());
                    ps.setObject(3, l.requestsPerMinute());
                    ps.setObject(4, l.tokensPerMinute());
                    ps.setObject(5, l.tokensPerHour());
                    ps.setString(6, l.source());
                    ps.setObject(7, now.atOffset(ZoneOffset.UTC));
                });
    }

    /** A recommended action as recorded for a period. */
    public record Action(String period, String workload, String kind, String text, BigDecimal impact, String owner,
            String status, Instant completedAt, String note) {
    }

    public List<Action> actions(String period) {
        return query("select period, workload, kind, text, impact, owner, status, completed_at, note from review_action"
                + " where period = ? order by impact desc, workload, kind", ps -> ps.setString(1, period),
                rs -> new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        rs.getString(9)));
    }

    /** Records a closed month's actions once: a pack produced again keeps their status. */
    public void recordActions(List<Action> actions) {
        for (Action a : actions) {
            update("insert into review_action (period, workload, kind, text, impact, owner, status) values"
                    + " (?, ?, ?, ?, ?, ?, 'open') on conflict do nothing", ps -> {
                        ps.setString(1, a.period());
                        ps.setString(2, a.workload());
                        ps.setString(3, a.kind());
                        ps.setString(4, a.text());
                        ps.setBigDecimal(5, a.impact());
                        ps.setString(6, a.owner());
                    });
        }
    }

    /** Sets an action's status; false when there is no such action. */
    public boolean setStatus(String period, String workload, String kind, String status, String note, Instant now) {
        return update("update review_action set status = ?, note = coalesce(?, note), completed_at = ?"
                + " where period = ? and workload = ? and kind = ?", ps -> {
                    ps.setString(1, status);
                    ps.setString(2, note);
                    ps.setObject(3, "done".equals(status) ? now.atOffset(ZoneOffset.UTC) : null);
                    ps.setString(4, period);
                    ps.setString(5, workload);
                    ps.setString(6, kind);
                }) == 1;
    }

    private static void range(PreparedStatement ps, Period period) throws SQLException {
        ps.setObject(1, period.start().atOffset(ZoneOffset.UTC));
        ps.setObject(2, period.end().atOffset(ZoneOffset.UTC));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
                return out;
            }
        });
    }

    private int update(String sql, Binder binder) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
