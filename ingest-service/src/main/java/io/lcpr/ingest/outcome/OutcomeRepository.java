package io.lcpr.ingest.outcome;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hibernate.Session;

import io.lcpr.delivery.UniqueWrites;
import io.lcpr.events.Instants;
import io.lcpr.events.Outcome;
import io.lcpr.ingest.publish.ChunkRecovery;
import io.lcpr.ingest.publish.ChunkTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Outcome rows in chunks, like traces: chunk {@code c} numbers its rows {@code c * 2^20 + i}, so recovery reads a
 * chunk back by id range, and the chunk's row in outcome_chunk is the outbox of its events (one row a chunk, not one
 * an outcome: outbox rows, their claims and marks were a third of PostgreSQL's time for ingest's outcomes).
 * A chunk's outcomes go in by one statement (their columns as arrays, unnested in order), the keys it returns telling
 * which were new. A JDBC batch of one insert a row cost a statement execution each (bench-reconcile's ingest phase).
 * Nearly every request's outcomes are all new: they go in by a plain insert under a savepoint (UniqueWrites), and a
 * request holding one stored before (resent, or racing another request) goes through {@code on conflict do nothing},
 * which makes a resent outcome a no-op.
 */
@ApplicationScoped
public class OutcomeRepository implements ChunkRecovery.Table<Long, StoredOutcome> {
    private static final String ROWS = """
            insert into outcome (id, dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score,
              grader_request_id, human_cost, review_minutes, reason, observed_at, received_at)
            select ? + n - 1, dedupe_key, outcome_id, kind, request_id, work_unit_id, workload, passed, score, grader_request_id,
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

    private static final String READ_CHUNK = """
            select dedupe_key, received_at, outcome_id, kind, request_id, work_unit_id, workload, passed, score,
              grader_request_id, human_cost, review_minutes, reason, observed_at
            from outcome where id >= ? and id < ? order by id
            """;

    private final EntityManager em;
    private final ChunkTable chunkTable;

    public OutcomeRepository(EntityManager em) {
        this.em = em;
        this.chunkTable = new ChunkTable(em, "outcome_chunk", "outcome_chunk_seq");
    }

    public long nextChunk() {
        return chunkTable.next();
    }

    /**
     * Stores the chunk's outcomes that are new (of two with one key, the first) and returns them, in order. At most
     * {@link ChunkTable#CAPACITY}.
     */
    public List<StoredOutcome> insertChunk(long chunk, List<StoredOutcome> outcomes) {
        int n = outcomes.size();
        if (n > ChunkTable.CAPACITY) {
            throw new IllegalArgumentException(n + " outcomes exceed a chunk's " + ChunkTable.CAPACITY);
        }
        if (n == 0) {
            return List.of();
        }
        String[] keys = new String[n], outcomeIds = new String[n], kinds = new String[n], requestIds = new String[n];
        String[] unitIds = new String[n], workloads = new String[n], graders = new String[n], reasons = new String[n];
        Boolean[] passed = new Boolean[n];
        BigDecimal[] scores = new BigDecimal[n], humanCosts = new BigDecimal[n], reviewMinutes = new BigDecimal[n];
        Long[] observed = new Long[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i).outcome();
            keys[i] = outcomes.get(i).dedupeKey();
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
        Object[][] columns = { keys, outcomeIds, kinds, requestIds, unitIds, workloads, passed, scores, graders,
                humanCosts, reviewMinutes, reasons, observed };
        long firstId = chunk * ChunkTable.CAPACITY;
        Instant receivedAt = outcomes.get(0).receivedAt();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> inserted = UniqueWrites.allNewElse(connection,
                    c -> insert(c, ALL_NEW, firstId, receivedAt, columns),
                    c -> insert(c, SKIPPING_STORED, firstId, receivedAt, columns));
            List<StoredOutcome> stored = new ArrayList<>(inserted.size());
            for (StoredOutcome o : outcomes) {
                if (inserted.remove(o.dedupeKey())) {
                    stored.add(o);
                }
            }
            return stored;
        });
    }

    /** Runs an insert of the outcomes' columns; returns the dedupe keys it stored. */
    private static Set<String> insert(Connection connection, String statement, long firstId, Instant receivedAt,
            Object[][] columns) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            ps.setLong(1, firstId);
            ps.setObject(2, receivedAt.atOffset(ZoneOffset.UTC));
            for (int c = 0; c < columns.length; c++) {
                ps.setArray(c + 3, connection.createArrayOf(TYPES[c], columns[c]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return inserted;
    }

    /** The outbox row of a chunk: the live publisher (Publishing) sends its outcomes once this transaction commits. */
    public void recordChunk(long chunk, int outcomes) {
        em.createNativeQuery("insert into outcome_chunk (chunk_id, outcomes) values (:chunk, :outcomes)")
                .setParameter("chunk", chunk).setParameter("outcomes", outcomes).executeUpdate();
    }

    /** Claims chunks for this transaction (others skip them); oldest first. */
    @Override
    @SuppressWarnings("unchecked")
    public List<Long> claimUnpublished(Instant cutoff, int limit) {
        List<Number> ids = em.createNativeQuery("select chunk_id from outcome_chunk where published_at is null"
                + " and created_at < :cutoff order by chunk_id limit :limit for update skip locked")
                .setParameter("cutoff", cutoff).setParameter("limit", limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Override
    public long id(Long chunk) {
        return chunk;
    }

    /** The outcomes stored by the given chunks, in id order. */
    @Override
    public List<StoredOutcome> read(List<Long> chunks) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<StoredOutcome> out = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement(READ_CHUNK)) {
                for (long chunk : chunks) {
                    read.setLong(1, chunk * ChunkTable.CAPACITY);
                    read.setLong(2, (chunk + 1) * ChunkTable.CAPACITY);
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

    private static StoredOutcome stored(ResultSet rs) throws SQLException {
        Outcome outcome = new Outcome(rs.getString("outcome_id"), rs.getString("kind"), rs.getString("request_id"),
                rs.getString("work_unit_id"), rs.getString("workload"), rs.getObject("passed", Boolean.class),
                number(rs, "score"), rs.getString("grader_request_id"), number(rs, "human_cost"),
                number(rs, "review_minutes"), rs.getString("reason"), instant(rs, "observed_at"));
        return new StoredOutcome(rs.getString("dedupe_key"), instant(rs, "received_at"), outcome);
    }

    /** Without the zeros the column's scale pads it with: 0.92 is read back as 0.92, as it was sent, not 0.920000. */
    private static BigDecimal number(ResultSet rs, String column) throws SQLException {
        BigDecimal stored = rs.getBigDecimal(column);
        if (stored == null) {
            return null;
        }
        BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    @Override
    public void markPublished(List<Long> chunks) {
        chunkTable.markPublished(chunks);
    }

    @Override
    public int purgePublished(Instant cutoff) {
        return chunkTable.purgePublished(cutoff);
    }
}
