package io.lcpr.ingest.trace;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

import org.hibernate.Session;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Stores traces with one JDBC batch per request; {@code on conflict do nothing} makes a resent record a no-op
 * even when two batches race, and the per-row update count tells which rows were new.
 */
@ApplicationScoped
public class TraceRepository {
    private static final String INSERT = """
            insert into trace (dedupe_key, request_id, trace_id, span_id, work_unit_id, parent_request_id,
              attempt_kind, workload, team, account, provider, model, service_tier, region, api_key_id, project_id,
              prompt_version, model_version, started_at, input_tokens, cache_read_tokens, cache_creation_tokens,
              output_tokens, reasoning_tokens, ttft_ms, e2e_ms, status, error_type, finish_reason, attributes)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (dedupe_key) do nothing""";

    private final EntityManager em;

    public TraceRepository(EntityManager em) {
        this.em = em;
    }

    /** Inserts the traces (keys[i] belongs to traces[i]); returns, per trace, whether it was new. */
    public boolean[] insertNew(List<String> keys, List<CanonicalTrace> traces) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < traces.size(); i++) {
                    bind(ps, keys.get(i), traces.get(i));
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

    private static void bind(PreparedStatement ps, String key, CanonicalTrace t) throws SQLException {
        int c = 1;
        ps.setString(c++, key);
        ps.setString(c++, t.requestId());
        ps.setString(c++, t.traceId());
        ps.setString(c++, t.spanId());
        ps.setString(c++, t.workUnitId());
        ps.setString(c++, t.parentRequestId());
        ps.setString(c++, t.attemptKind());
        ps.setString(c++, t.workload());
        ps.setString(c++, t.team());
        ps.setString(c++, t.account());
        ps.setString(c++, t.provider());
        ps.setString(c++, t.model());
        ps.setString(c++, t.serviceTier());
        ps.setString(c++, t.region());
        ps.setString(c++, t.apiKeyId());
        ps.setString(c++, t.projectId());
        ps.setString(c++, t.promptVersion());
        ps.setString(c++, t.modelVersion());
        ps.setTimestamp(c++, Timestamp.from(t.startedAt()));
        ps.setLong(c++, t.inputTokens());
        ps.setLong(c++, t.cacheReadOrZero());
        ps.setLong(c++, t.cacheCreationOrZero());
        ps.setLong(c++, t.outputOrZero());
        setLong(ps, c++, t.reasoningTokens());
        setLong(ps, c++, t.ttftMs());
        setLong(ps, c++, t.e2eMs());
        ps.setString(c++, t.status());
        ps.setString(c++, t.errorType());
        ps.setString(c++, t.finishReason());
        ps.setString(c, t.attributes() == null ? null : EventJson.write(t.attributes()));
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from trace").getSingleResult()).longValue();
    }
}
