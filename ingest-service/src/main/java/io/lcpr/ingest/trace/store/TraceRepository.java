package io.lcpr.ingest.trace.store;

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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.lcpr.ingest.publish.ChunkRecovery;
import io.lcpr.ingest.publish.ChunkTable;
import io.lcpr.delivery.UniqueWrites;
import io.lcpr.delivery.copy.BinaryCopy;

/**
 * Trace rows in chunks, written with binary COPY. Chunk {@code c} numbers its rows {@code c * 2^20 + i}, so its new
 * traces can be read back by id range (a BRIN on id) when the live publisher did not get to them.
 */
@ApplicationScoped
public class TraceRepository implements ChunkRecovery.Table<TraceRepository.Chunk, StoredTrace> {
    /** Rows one chunk can number. */
    public static final int CHUNK_CAPACITY = ChunkTable.CAPACITY;

    private static final String COLUMNS = TraceColumn.NAMES;
    private static final String STAGE = "create temp table if not exists trace_stage (like trace including defaults) on commit delete rows";
    private static final String COPY_STAGE = "copy trace_stage (" + COLUMNS + ") from stdin (format binary)";
    private static final Duration BOUNDARY = Duration.ofHours(1);
    // A record started within an hour of a month boundary could come back (from another source) with a start on
    // the other side; the unique key is per month, so look across the boundary for those few.
    private static final String MOVE = "insert into trace (" + COLUMNS + ") select " + COLUMNS + " from trace_stage s"
            + " where not ((s.started_at < (s.month::timestamp + interval '1 hour') at time zone 'UTC'"
            + "   or s.started_at >= (s.month::timestamp + interval '1 month' - interval '1 hour') at time zone 'UTC')"
            + "  and exists (select 1 from trace t where t.event_id = s.event_id"
            + "   and t.month in ((s.month - interval '1 month')::date, (s.month + interval '1 month')::date)))"
            + " on conflict (event_id, month) do nothing returning id";
    private static final String READ_CHUNK = "select " + COLUMNS + " from trace"
            + " where month = any(?) and id >= ? and id < ? order by id";
    // Block ranges written since autovacuum last summarized them match every BRIN scan; summarizing the chunks'
    // partitions first keeps a read to the ranges that hold the chunk.
    private static final String SUMMARIZE = "select coalesce(sum(brin_summarize_new_values(p.relid)), 0)"
            + " from pg_partition_tree('trace_id_blocks') p join pg_index i on i.indexrelid = p.relid"
            + " where p.isleaf and i.indrelid in (select to_regclass(n) from unnest(?::text[]) n)";

    private static final Logger LOG = Logger.getLogger(TraceRepository.class);

    private final EntityManager em;
    private final ChunkTable chunkTable;

    public TraceRepository(EntityManager em) {
        this.em = em;
        this.chunkTable = new ChunkTable(em, "trace_chunk", "trace_chunk_seq");
    }

    public long nextChunk() {
        return chunkTable.next();
    }

    /**
     * Stores the chunk's traces that are new and returns them. At most {@link #CHUNK_CAPACITY} traces.
     * <p>
     * Most chunks hold only new traces of one month, so the first try is a plain COPY into that month's partition,
     * under a savepoint; a duplicate makes it fail on the unique key, and the chunk then goes through the staging
     * table, which skips the rows already stored. Chunks spanning months or with a trace near a month boundary go that
     * way at once (see {@code MOVE}).
     */
    public List<StoredTrace> insertChunk(long chunk, List<StoredTrace> traces) {
        if (traces.size() > CHUNK_CAPACITY) {
            throw new IllegalArgumentException(traces.size() + " traces exceed a chunk's " + CHUNK_CAPACITY);
        }
        long firstId = chunk * CHUNK_CAPACITY;
        byte[] rows = TraceColumn.copyRows(firstId, traces);
        LocalDate month = singleMonthAwayFromBoundaries(traces);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            if (month != null) {
                Optional<List<StoredTrace>> allNew = UniqueWrites.unlessStoredBefore(connection, c -> {
                    copy(c, "copy " + TracePartitions.partitionOf(month) + " (" + COLUMNS
                            + ") from stdin (format binary)", rows);
                    return traces;
                });
                if (allNew.isPresent()) {
                    return allNew.get();
                }
                LOG.debugf("chunk %d holds traces stored before; skipping them through the staging table", chunk);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(STAGE);
                copy(connection, COPY_STAGE, rows);
                Set<Long> added = new HashSet<>();
                try (ResultSet rs = st.executeQuery(MOVE)) {
                    while (rs.next()) {
                        added.add(rs.getLong(1));
                    }
                }
                List<StoredTrace> stored = new ArrayList<>(added.size());
                for (int i = 0; i < traces.size(); i++) {
                    if (added.contains(firstId + i)) {
                        stored.add(traces.get(i));
                    }
                }
                return stored;
            }
        });
    }

    /** The month all the traces share, or null if they span months or one starts near a month boundary. */
    private static LocalDate singleMonthAwayFromBoundaries(List<StoredTrace> traces) {
        if (traces.isEmpty()) {
            return null;
        }
        // The first trace's month and the seconds that are away from its boundaries; a trace outside them is near a
        // boundary or in another month. Worked out once per chunk, not once per trace.
        LocalDate month = TracePartitions.monthOf(traces.get(0).trace().startedAt());
        long from = month.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + BOUNDARY.toSeconds();
        long to = month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - BOUNDARY.toSeconds();
        for (StoredTrace s : traces) {
            long second = s.trace().startedAt().getEpochSecond();
            if (second < from || second >= to) {
                return null;
            }
        }
        return month;
    }

    private static long copy(Connection connection, String sql, byte[] rows) throws SQLException {
        return BinaryCopy.copyIn(connection, sql, rows);
    }

    /** The outbox row of a chunk: the live publisher (Publishing) sends its traces once this transaction commits. */
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

    /** Claims chunks for this transaction (others skip them); oldest first. */
    @Override
    public List<Chunk> claimUnpublished(Instant cutoff, int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Chunk> chunks = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select chunk_id, months from trace_chunk"
                    + " where published_at is null and created_at < ? order by chunk_id limit ? for update skip locked")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunks.add(new Chunk(rs.getLong(1), rs.getArray(2)));
                    }
                }
            }
            return chunks;
        });
    }

    @Override
    public long id(Chunk chunk) {
        return chunk.id();
    }

    /** The traces stored by the given chunks, in id order. */
    @Override
    public List<StoredTrace> read(List<Chunk> chunks) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            summarize(connection, chunks);
            List<StoredTrace> out = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(READ_CHUNK)) {
                for (Chunk chunk : chunks) {
                    read.setArray(1, chunk.months());
                    read.setLong(2, chunk.id() * CHUNK_CAPACITY);
                    read.setLong(3, (chunk.id() + 1) * CHUNK_CAPACITY);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            out.add(TraceColumn.read(rs));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static void summarize(Connection connection, List<Chunk> chunks) throws SQLException {
        Set<String> partitions = new HashSet<>();
        for (Chunk chunk : chunks) {
            for (java.sql.Date month : (java.sql.Date[]) chunk.months().getArray()) {
                partitions.add(TracePartitions.partitionOf(month.toLocalDate()));
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(SUMMARIZE)) {
            ps.setArray(1, connection.createArrayOf("text", partitions.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LOG.debugf("summarized %d BRIN block ranges of trace ids before reading chunks back", rs.getLong(1));
            }
        }
    }

    @Override
    public void markPublished(List<Long> published) {
        chunkTable.markPublished(published);
    }

    /** Stored chunks holding traces of a month that are not yet published, and their traces: {chunks, traces}. */
    public long[] unpublished(java.time.YearMonth month) {
        Object[] row = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(traces), 0) from trace_chunk"
                + " where published_at is null and cast(:month as date) = any(months)")
                .setParameter("month", month.atDay(1)).getSingleResult();
        return new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() };
    }

    @Override
    public int purgePublished(Instant cutoff) {
        return chunkTable.purgePublished(cutoff);
    }

    /** The stored calls of a work unit, oldest first. */
    public List<StoredTrace> findByWorkUnit(String workUnitId) {
        return select("where work_unit_id = ? order by started_at, id", workUnitId);
    }

    /** The stored calls with this provider request id (one, unless a provider reused an id). */
    public List<StoredTrace> findByRequestId(String requestId) {
        return select("where request_id = ? order by started_at, id", requestId);
    }

    /**
     * A sample of {@code size} traces started in [from, to) (of one workload, or of all when null), drawn in the
     * order of a hash of their dedupe key and the seed: the same seed draws the same sample.
     */
    public List<StoredTrace> sample(String workload, Instant from, Instant to, int size, String seed) {
        // The month bounds let PostgreSQL skip the partitions outside the window.
        String where = "where started_at >= ? and started_at < ? and month between ? and ?"
                + (workload == null ? "" : " and workload = ?") + " order by md5(dedupe_key || ?) limit ?";
        List<Object> params = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                java.sql.Date.valueOf(TracePartitions.monthOf(from)), java.sql.Date.valueOf(TracePartitions.monthOf(to))));
        if (workload != null) {
            params.add(workload);
        }
        params.add(seed);
        params.add(size);
        return select(where, params.toArray());
    }

    private List<StoredTrace> select(String where, Object... params) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<StoredTrace> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("select " + COLUMNS + " from trace " + where)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(TraceColumn.read(rs));
                    }
                }
            }
            return out;
        });
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from trace").getSingleResult()).longValue();
    }

    private static Array dates(Connection connection, Collection<LocalDate> months) throws SQLException {
        return connection.createArrayOf("date", months.stream().map(java.sql.Date::valueOf).toArray());
    }
}
