package io.lcpr.ingest.coverage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.events.CanonicalTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.lcpr.ingest.trace.store.StoredTrace;

/** Samples stored traces and gathers, for each, the facts the six questions need. */
@ApplicationScoped
public class CoverageService {
    private final EntityManager em;
    private final TraceRepository traces;

    public CoverageService(EntityManager em, TraceRepository traces) {
        this.em = em;
        this.traces = traces;
    }

    /**
     * @param workload only this workload's traces (null: all, orphans included)
     * @param seed the same seed draws the same sample
     */
    @Transactional
    public Coverage.Report exercise(String workload, Instant from, Instant to, int size, String seed) {
        List<TraceFacts> facts = new ArrayList<>();
        for (StoredTrace trace : traces.sample(workload, from, to, size, seed)) {
            facts.add(facts(trace.trace()));
        }
        return Coverage.report(facts);
    }

    private TraceFacts facts(CanonicalTrace t) {
        boolean quality = t.requestId() != null && count("select count(*) from outcome where kind = 'eval'"
                + " and request_id = :r", t.requestId(), null) > 0;
        long failing = t.requestId() == null ? 0 : count("select count(*) from outcome where kind in ('eval', 'slo')"
                + " and passed = false and request_id = :r", t.requestId(), null);
        long verdicts = t.requestId() == null ? 0 : count("select count(*) from outcome where kind in ('eval', 'slo')"
                + " and request_id = :r", t.requestId(), null);
        boolean errored = t.errored();
        Boolean failed = failing > 0 || errored ? Boolean.TRUE : verdicts > 0 ? Boolean.FALSE : null;
        boolean followedUp = t.workUnitId() != null && (count("select count(*) from trace where work_unit_id = :u"
                + " and attempt_kind in ('retry', 'repair', 'fallback') and started_at > :at", t.workUnitId(),
                t.startedAt()) > 0
                || count("select count(*) from outcome where kind = 'escalation' and work_unit_id = :u", t.workUnitId(),
                        null) > 0);
        return new TraceFacts(t.requestId(), t.workUnitId(), t.workload(), t.inputTokens(), t.outputOrZero(), quality,
                failed, followedUp, t.ttftMs(), t.e2eMs());
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
