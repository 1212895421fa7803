package io.lcpr.chargeback.close;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** A team's dispute of a line of a closed month, and its resolution, kept with the month. */
@ApplicationScoped
public class DisputeService {
    private final EntityManager em;
    private final PeriodCloseService closes;

    public DisputeService(EntityManager em, PeriodCloseService closes) {
        this.em = em;
        this.closes = closes;
    }

    /** Raising: team, line (a workload, a component, a mode), reason, raised_by; resolving: resolution, resolved_by. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DisputeRequest(String team, String line, String reason, String raisedBy, String resolution,
            String resolvedBy) {
    }

    public record Dispute(long id, String period, String team, String line, String reason, String raisedBy,
            Instant raisedAt, String resolution, String resolvedBy, Instant resolvedAt) {
    }

    @Transactional
    public Dispute raise(String period, DisputeRequest r) {
        List<String> problems = new ArrayList<>();
        if (r == null) {
            throw new IllegalArgumentException("a JSON body with team, line, reason and raised_by is required");
        }
        for (String[] f : new String[][] { { "team", r.team() }, { "line", r.line() }, { "reason", r.reason() },
                { "raised_by", r.raisedBy() } }) {
            if (f[1] == null || f[1].isBlank()) {
                problems.add(f[0] + ": is required");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (!closes.isClosed(period)) {
            throw new IllegalStateException(period + " is not closed: a preview is changed, not disputed");
        }
        long id = ((Number) em.createNativeQuery("""
                insert into period_dispute (period, team, line, reason, raised_by, raised_at)
                values (?1, ?2, ?3, ?4, ?5, ?6) returning id
                """).setParameter(1, period).setParameter(2, r.team()).setParameter(3, r.line())
                .setParameter(4, r.reason()).setParameter(5, r.raisedBy()).setParameter(6, Instant.now())
                .getSingleResult()).longValue();
        return find(period, id);
    }

    @Transactional
    public Dispute resolve(String period, long id, DisputeRequest r) {
        if (r == null || r.resolution() == null || r.resolution().isBlank() || r.resolvedBy() == null
                || r.resolvedBy().isBlank()) {
            throw new IllegalArgumentException("resolution and resolved_by are required");
        }
        int updated = em.createNativeQuery("""
                update period_dispute set resolution = ?1, resolved_by = ?2, resolved_at = ?3
                where period = ?4 and id = ?5
                """).setParameter(1, r.resolution()).setParameter(2, r.resolvedBy()).setParameter(3, Instant.now())
                .setParameter(4, period).setParameter(5, id).executeUpdate();
        if (updated == 0) {
            throw new NotFoundException("no dispute " + id + " in " + period);
        }
        return find(period, id);
    }

    @Transactional
    public List<Dispute> list(String period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, period, team, line, reason, raised_by, raised_at,"
                + " resolution, resolved_by, resolved_at from period_dispute where period = ?1 order by id")
                .setParameter(1, period).getResultList();
        return rows.stream().map(DisputeService::dispute).toList();
    }

    private Dispute find(String period, long id) {
        return list(period).stream().filter(d -> d.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no dispute " + id + " in " + period));
    }

    private static Dispute dispute(Object[] r) {
        return new Dispute(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], instant(r[6]), (String) r[7], (String) r[8], instant(r[9]));
    }

    private static Instant instant(Object o) {
        return o == null ? null : o instanceof Instant i ? i : ((OffsetDateTime) o).toInstant();
    }
}
