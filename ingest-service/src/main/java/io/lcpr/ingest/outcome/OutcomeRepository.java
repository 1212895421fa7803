package io.lcpr.ingest.outcome;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.hibernate.Session;

import io.lcpr.events.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Outcomes in one JDBC batch per request; {@code on conflict do nothing} makes a resent outcome a no-op even when
 * two batches race, and the per-row update count tells which were new.
 */
@ApplicationScoped
public class OutcomeRepository {
    private static final String INSERT = """
            insert into outcome (dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score,
              grader_request_id, human_cost, review_minutes, reason, observed_at, received_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (dedupe_key) do nothing""";

    private final EntityManager em;

    public OutcomeRepository(EntityManager em) {
        this.em = em;
    }

    /** Inserts the outcomes (keys[i] belongs to outcomes[i]); returns, per outcome, whether it was new. */
    public boolean[] insertNew(List<String> keys, List<Outcome> outcomes, Instant receivedAt) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < outcomes.size(); i++) {
                    bind(ps, keys.get(i), outcomes.get(i), receivedAt);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                boolean[] inserted = new boolean[counts.length];
                for (int i = 0; i < counts.length; i++) {
                    inserted[i] = counts[i] == 1;
                }
                return inserted;
            }
        });
    }

    private static void bind(PreparedStatement ps, String key, Outcome o, Instant receivedAt) throws SQLException {
        int c = 1;
        ps.setString(c++, key);
        ps.setString(c++, o.outcomeId());
        ps.setString(c++, o.kind());
        ps.setString(c++, o.requestId());
        ps.setString(c++, o.workUnitId());
        ps.setString(c++, o.workload());
        if (o.passed() == null) {
            ps.setNull(c++, Types.BOOLEAN);
        } else {
            ps.setBoolean(c++, o.passed());
        }
        ps.setBigDecimal(c++, o.score());
        ps.setString(c++, o.graderRequestId());
        ps.setBigDecimal(c++, o.humanCost());
        ps.setBigDecimal(c++, o.reviewMinutes());
        ps.setString(c++, o.reason());
        ps.setTimestamp(c++, o.observedAt() == null ? null : Timestamp.from(o.observedAt()));
        ps.setTimestamp(c, Timestamp.from(receivedAt));
    }
}
