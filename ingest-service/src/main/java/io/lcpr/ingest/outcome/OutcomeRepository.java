package io.lcpr.ingest.outcome;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.Session;

import io.lcpr.delivery.UniqueWrites;
import io.lcpr.events.Instants;
import io.lcpr.events.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A request's outcomes in one statement (their columns as arrays, unnested in order), the keys it returns telling
 * which were new. A JDBC batch of one insert a row cost a statement execution each (bench-reconcile's ingest phase).
 * Nearly every request's outcomes are all new: they go in by a plain insert under a savepoint (UniqueWrites), and a
 * request holding one stored before (resent, or racing another request) goes through {@code on conflict do nothing},
 * which makes a resent outcome a no-op.
 */
@ApplicationScoped
public class OutcomeRepository {
    private static final String ROWS = """
            insert into outcome (dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score,
              grader_request_id, human_cost, review_minutes, reason, observed_at, received_at)
            select dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score, grader_request_id,
              human_cost, review_minutes, reason, timestamptz 'epoch' + observed_micros * interval '1 microsecond', ?
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::numeric[],
              ?::text[], ?::numeric[], ?::numeric[], ?::text[], ?::int8[]) with ordinality
              as t(dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score, grader_request_id,
                human_cost, review_minutes, reason, observed_micros, n)
            order by n
            """;
    private static final String ALL_NEW = ROWS + "returning dedupe_key";
    private static final String SKIPPING_STORED = ROWS + "on conflict (dedupe_key) do nothing\nreturning dedupe_key";
    /** SQL element types of the unnested columns, in ROWS's order. */
    private static final String[] TYPES = { "text", "text", "text", "text", "text", "text", "bool", "numeric", "text",
            "numeric", "numeric", "text", "int8" };

    private final EntityManager em;

    public OutcomeRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts the outcomes (keys[i] belongs to outcomes[i]); returns, per outcome, whether it was new (of two with one
     * key in the request, the first).
     */
    public boolean[] insertNew(List<String> keys, List<Outcome> outcomes, Instant receivedAt) {
        int n = outcomes.size();
        String[] outcomeIds = new String[n], kinds = new String[n], requestIds = new String[n];
        String[] unitIds = new String[n], workloads = new String[n], graders = new String[n], reasons = new String[n];
        Boolean[] passed = new Boolean[n];
        BigDecimal[] scores = new BigDecimal[n], humanCosts = new BigDecimal[n], reviewMinutes = new BigDecimal[n];
        Long[] observed = new Long[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            outcomeIds[i] = o.outcomeId();
            kinds[i] = o.kind();
            requestIds[i] = o.requestId();
            unitIds[i] = o.workUnitId();
            workloads[i] = o.workload();
            passed[i] = o.passed();
            scores[i] = o.score();
            graders[i] = o.graderRequestId();
            humanCosts[i] = o.humanCost();
            reviewMinutes[i] = o.reviewMinutes();
            reasons[i] = o.reason();
            observed[i] = o.observedAt() == null ? null : Instants.epochMicros(o.observedAt());
        }
        Object[][] columns = { keys.toArray(String[]::new), outcomeIds, kinds, requestIds, unitIds, workloads, passed,
                scores, graders, humanCosts, reviewMinutes, reasons, observed };
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> inserted = UniqueWrites.allNewElse(connection, c -> insert(c, ALL_NEW, receivedAt, columns),
                    c -> insert(c, SKIPPING_STORED, receivedAt, columns));
            boolean[] isNew = new boolean[n];
            for (int i = 0; i < n; i++) {
                isNew[i] = inserted.remove(keys.get(i));
            }
            return isNew;
        });
    }

    /** Runs an insert of the outcomes' columns; returns the dedupe keys it stored. */
    private static Set<String> insert(Connection connection, String statement, Instant receivedAt, Object[][] columns)
            throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setObject(1, receivedAt.atOffset(ZoneOffset.UTC));
            for (int c = 0; c < columns.length; c++) {
                ps.setArray(c + 2, connection.createArrayOf(TYPES[c], columns[c]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }
}
