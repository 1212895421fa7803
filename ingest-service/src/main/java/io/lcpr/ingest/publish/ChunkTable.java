package io.lcpr.ingest.publish;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

import org.hibernate.Session;

import jakarta.persistence.EntityManager;

/**
 * What trace_chunk and outcome_chunk share: chunk numbers from a sequence, each owning the row ids
 * {@code [chunk * 2^20, (chunk + 1) * 2^20)} of its records, and a published_at set once the broker has them.
 */
public final class ChunkTable {
    /** Rows one chunk can number. */
    public static final int CAPACITY = 1 << 20;

    private final EntityManager em;
    private final String table;
    private final String sequence;

    public ChunkTable(EntityManager em, String table, String sequence) {
        this.em = em;
        this.table = table;
        this.sequence = sequence;
    }

    public long next() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select nextval('" + sequence + "')");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public void markPublished(List<Long> chunks) {
        em.createNativeQuery("update " + table + " set published_at = now() where chunk_id in (:chunks)")
                .setParameter("chunks", chunks).executeUpdate();
    }

    /** Deletes the rows of chunks published before the cutoff; their records stay. */
    public int purgePublished(Instant cutoff) {
        return em.createNativeQuery("delete from " + table + " where published_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
