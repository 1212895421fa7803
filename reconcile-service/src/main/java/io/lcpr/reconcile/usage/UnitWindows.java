package io.lcpr.reconcile.usage;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hibernate.Session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The folded data of a window over some workloads: work units by their final attempt, and requests. */
@ApplicationScoped
public class UnitWindows {
    private final EntityManager em;

    public UnitWindows(EntityManager em) {
        this.em = em;
    }

    /** Work units, accepted ones, escalated ones and their stated escalation cost; requests (weighted calls). */
    public record Counts(long units, long accepted, long escalated, BigDecimal human, long requests) {
    }

    public Counts counts(List<String> workloads, Instant from, Instant to) {
        return session().doReturningWork(c -> {
            try (PreparedStatement units = c.prepareStatement("""
                    select count(*), count(*) filter (where result in (1, 2)), count(*) filter (where escalated),
                        coalesce(sum(escalation_cost) filter (where escalated), 0)
                    from work_unit where workload = any(?) and attempts > 0
                      and final_started_at >= ? and final_started_at < ?
                    """);
                    PreparedStatement calls = c.prepareStatement("""
                            select coalesce(sum(weight), 0) from usage_call
                            where workload = any(?) and started_at >= ? and started_at < ?
                            """)) {
                for (PreparedStatement ps : new PreparedStatement[] { units, calls }) {
                    ps.setArray(1, c.createArrayOf("text", workloads.toArray()));
                    ps.setObject(2, from.atOffset(ZoneOffset.UTC));
                    ps.setObject(3, to.atOffset(ZoneOffset.UTC));
                }
                try (ResultSet u = units.executeQuery(); ResultSet r = calls.executeQuery()) {
                    u.next();
                    r.next();
                    return new Counts(u.getLong(1), u.getLong(2), u.getLong(3), u.getBigDecimal(4), r.getLong(1));
                }
            }
        });
    }

    /** A workload's work units in a window, by their final attempt: how many, accepted, escalated. */
    public record Tally(long units, long accepted, long escalated) {
    }

    /** Each workload's work units whose final attempt started in [from, to). */
    public Map<String, Tally> byWorkload(Instant from, Instant to) {
        return session().doReturningWork(c -> {
            Map<String, Tally> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select coalesce(nullif(workload, ''), 'unknown'), count(*),
                        count(*) filter (where result in (1, 2)), count(*) filter (where escalated)
                    from work_unit where attempts > 0 and final_started_at >= ? and final_started_at < ?
                    group by 1
                    """)) {
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Tally(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return out;
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
