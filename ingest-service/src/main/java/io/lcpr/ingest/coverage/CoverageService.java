package io.lcpr.ingest.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.ingest.trace.TraceEntity;
import io.lcpr.ingest.trace.TracePartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Samples stored traces and gathers, for each, the facts the six questions need. */
@ApplicationScoped
public class CoverageService {
    private final EntityManager em;

    public CoverageService(EntityManager em) {
        this.em = em;
    }

    /**
     * @param workload only this workload's traces (null: all, orphans included)
     * @param seed the same seed draws the same sample
     */
    public Coverage.Report exercise(String workload, Instant from, Instant to, int size, String seed) {
        // The month bounds let PostgreSQL skip the partitions outside the window.
        StringBuilder where = new StringBuilder("where started_at >= :from and started_at < :to"
                + " and month between :fromMonth and :toMonth");
        if (workload != null) {
            where.append(" and workload = :workload");
        }
        // The sampled rows themselves, in one query: ids alone would cost a lookup each, and trace has no btree on id.
        var query = em.createNativeQuery("select * from trace " + where
                + " order by md5(dedupe_key || :seed) limit :size", TraceEntity.class)
                .setParameter("from", from).setParameter("to", to).setParameter("seed", seed)
                .setParameter("fromMonth", TracePartitions.monthOf(from)).setParameter("toMonth", TracePartitions.monthOf(to))
                .setParameter("size", size);
        if (workload != null) {
            query.setParameter("workload", workload);
        }
        List<TraceFacts> facts = new ArrayList<>();
        for (Object trace : query.getResultList()) {
            facts.add(facts((TraceEntity) trace));
        }
        return Coverage.report(facts);
    }

    private TraceFacts facts(TraceEntity t) {
        boolean quality = t.requestId != null && count("select count(*) from outcome where kind = 'eval'"
                + " and request_id = :r", t.requestId, null) > 0;
        long failing = t.requestId == null ? 0 : count("select count(*) from outcome where kind in ('eval', 'slo')"
                + " and passed = false and request_id = :r", t.requestId, null);
        long verdicts = t.requestId == null ? 0 : count("select count(*) from outcome where kind in ('eval', 'slo')"
                + " and request_id = :r", t.requestId, null);
        boolean errored = t.status != null && !t.status.equalsIgnoreCase("ok") || t.errorType != null;
        Boolean failed = failing > 0 || errored ? Boolean.TRUE : verdicts > 0 ? Boolean.FALSE : null;
        boolean followedUp = t.workUnitId != null && (count("select count(*) from trace where work_unit_id = :u"
                + " and attempt_kind in ('retry', 'repair', 'fallback') and started_at > :at", t.workUnitId, t.startedAt) > 0
                || count("select count(*) from outcome where kind = 'escalation' and work_unit_id = :u", t.workUnitId,
                        null) > 0);
        return new TraceFacts(t.requestId, t.workUnitId, t.workload, t.inputTokens, t.outputTokens, quality, failed,
                followedUp, t.ttftMs, t.e2eMs);
    }

    private long count(String sql, String key, Instant at) {
        var q = em.createNativeQuery(sql);
        q.setParameter(sql.contains(":r") ? "r" : "u", key);
        if (at != null) {
            q.setParameter("at", at);
        }
        return ((Number) q.getSingleResult()).longValue();
    }
}
