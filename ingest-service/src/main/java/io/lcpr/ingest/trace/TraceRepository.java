package io.lcpr.ingest.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.core.type.TypeReference;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Trace rows in chunks. A chunk is COPYed into a session-local staging table and moved into {@code trace} with one
 * {@code insert ... select ... on conflict do nothing}: COPY's speed, with a resent record a no-op even when two
 * chunks race. Chunk {@code c} numbers its rows {@code c * 2^20 + i}, so its new traces can be read back by id range.
 */
@ApplicationScoped
public class TraceRepository {
    /** Rows one chunk can number. */
    public static final int CHUNK_CAPACITY = 1 << 20;

    private static final String COLUMNS = "id, month, event_id, dedupe_key, request_id, trace_id, span_id, work_unit_id,"
            + " parent_request_id, attempt_kind, workload, team, account, provider, model, service_tier, region,"
            + " api_key_id, project_id, prompt_version, model_version, started_at, input_tokens, cache_read_tokens,"
            + " cache_creation_tokens, output_tokens, reasoning_tokens, ttft_ms, e2e_ms, status, error_type,"
            + " finish_reason, attributes";
    private static final String STAGE = "create temp table if not exists trace_stage (like trace including defaults) on commit delete rows";
    private static final String COPY_STAGE = "copy trace_stage (" + COLUMNS + ") from stdin";
    private static final String COPY_DIRECT = "copy trace (" + COLUMNS + ") from stdin";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Duration BOUNDARY = Duration.ofHours(1);
    // A record started within an hour of a month boundary could come back (from another source) with a start on
    // the other side; the unique key is per month, so look across the boundary for those few.
    private static final String MOVE = "insert into trace (" + COLUMNS + ") select " + COLUMNS + " from trace_stage s"
            + " where not ((s.started_at < (s.month::timestamp + interval '1 hour') at time zone 'UTC'"
            + "   or s.started_at >= (s.month::timestamp + interval '1 month' - interval '1 hour') at time zone 'UTC')"
            + "  and exists (select 1 from trace t where t.event_id = s.event_id"
            + "   and t.month in ((s.month - interval '1 month')::date, (s.month + interval '1 month')::date)))"
            + " on conflict (event_id, month) do nothing";
    private static final String READ_CHUNK = "select " + COLUMNS + ", received_at from trace"
            + " where month = any(?) and id >= ? and id < ? order by id";
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private static final Logger LOG = Logger.getLogger(TraceRepository.class);

    private final EntityManager em;

    public TraceRepository(EntityManager em) {
        this.em = em;
    }

    /** A trace as stored, with what its event needs. */
    public record StoredTrace(UUID eventId, String dedupeKey, Instant receivedAt, CanonicalTrace trace) {
    }

    public long nextChunk() {
        return ((Number) em.createNativeQuery("select nextval('trace_chunk_seq')").getSingleResult()).longValue();
    }

    /**
     * Stores the chunk's traces that are new; returns how many were. At most {@link #CHUNK_CAPACITY} traces.
     * <p>
     * Most chunks hold only new traces, so the first try is a plain COPY into {@code trace}, under a savepoint; a
     * duplicate makes it fail on the unique key, and the chunk then goes through the staging table, which skips the
     * rows already stored. Chunks with a trace near a month boundary go that way at once (see {@code MOVE}).
     */
    public int insertChunk(long chunk, List<CanonicalTrace> traces) {
        if (traces.size() > CHUNK_CAPACITY) {
            throw new IllegalArgumentException(traces.size() + " traces exceed a chunk's " + CHUNK_CAPACITY);
        }
        byte[] rows = CopyText.rows(chunk * CHUNK_CAPACITY, traces).getBytes(StandardCharsets.UTF_8);
        boolean direct = traces.stream().noneMatch(t -> nearMonthBoundary(t.startedAt()));
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                if (direct) {
                    st.execute("savepoint trace_copy");
                    try {
                        int copied = (int) copy(connection, COPY_DIRECT, rows);
                        st.execute("release savepoint trace_copy");
                        return copied;
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        st.execute("rollback to savepoint trace_copy");
                        LOG.debugf("chunk %d holds traces stored before; skipping them through the staging table", chunk);
                    }
                }
                st.execute(STAGE);
                copy(connection, COPY_STAGE, rows);
                return st.executeUpdate(MOVE);
            }
        });
    }

    private static long copy(Connection connection, String sql, byte[] rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(rows, 0, rows.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Within an hour of the start or end of its UTC month. */
    static boolean nearMonthBoundary(Instant startedAt) {
        LocalDate first = TracePartitions.monthOf(startedAt);
        Instant month = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant next = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return startedAt.isBefore(month.plus(BOUNDARY)) || !startedAt.isBefore(next.minus(BOUNDARY));
    }

    /** The outbox row of a chunk: TracePublisher publishes its traces once this transaction commits. */
    public void recordChunk(long chunk, Collection<LocalDate> months, int traces) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into trace_chunk (chunk_id, months, traces) values (?, ?, ?)")) {
                ps.setLong(1, chunk);
                ps.setArray(2, dates(connection, months));
                ps.setInt(3, traces);
                ps.executeUpdate();
            }
        });
    }

    /** A claimed chunk: its number and the months its traces live in. */
    public record Chunk(long id, Array months) {
    }

    /** Claims up to {@code limit} unpublished chunks for this transaction (others skip them); oldest first. */
    public List<Chunk> claimUnpublished(int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Chunk> chunks = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select chunk_id, months from trace_chunk"
                    + " where published_at is null order by chunk_id limit ? for update skip locked")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunks.add(new Chunk(rs.getLong(1), rs.getArray(2)));
                    }
                }
            }
            return chunks;
        });
    }

    /** The traces stored by the given chunks, in id order. */
    public List<StoredTrace> readChunks(List<Chunk> chunks) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<StoredTrace> out = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(READ_CHUNK)) {
                for (Chunk chunk : chunks) {
                    read.setArray(1, chunk.months());
                    read.setLong(2, chunk.id() * CHUNK_CAPACITY);
                    read.setLong(3, (chunk.id() + 1) * CHUNK_CAPACITY);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            out.add(stored(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    public void markPublished(List<Long> chunks) {
        em.createNativeQuery("update trace_chunk set published_at = now() where chunk_id in (:chunks)")
                .setParameter("chunks", chunks).executeUpdate();
    }

    /** Deletes the records of chunks published before the cutoff; their traces stay. */
    public int purgePublished(Instant cutoff) {
        return em.createNativeQuery("delete from trace_chunk where published_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from trace").getSingleResult()).longValue();
    }

    private static Array dates(Connection connection, Collection<LocalDate> months) throws SQLException {
        return connection.createArrayOf("date", months.stream().map(java.sql.Date::valueOf).toArray());
    }

    /** A row of READ_CHUNK; columns by position, in the order of COLUMNS then received_at. */
    private static StoredTrace stored(ResultSet rs) throws SQLException {
        int c = 3;
        UUID eventId = rs.getObject(c++, UUID.class);
        String dedupeKey = rs.getString(c++);
        CanonicalTrace trace = new CanonicalTrace(rs.getString(c++), rs.getString(c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), rs.getString(c++), rs.getString(c++),
                rs.getTimestamp(c++).toInstant(), rs.getLong(c++), rs.getLong(c++), rs.getLong(c++), rs.getLong(c++),
                nullableLong(rs, c++), nullableLong(rs, c++), nullableLong(rs, c++), rs.getString(c++),
                rs.getString(c++), rs.getString(c++), readAttributes(rs.getString(c++)));
        return new StoredTrace(eventId, dedupeKey, rs.getTimestamp(c).toInstant(), trace);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Map<String, String> readAttributes(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, ATTRIBUTES);
        } catch (IOException e) {
            throw new IllegalStateException("stored trace attributes are not a JSON object: " + json, e);
        }
    }
}
