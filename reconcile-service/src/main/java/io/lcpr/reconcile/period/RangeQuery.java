package io.lcpr.reconcile.period;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

import org.hibernate.Session;

/**
 * Streams the rows of a query over a time range ({@code ?} for its start, then its end) a fetch at a time, so that
 * a month of rows never sits in memory at once.
 */
public final class RangeQuery {
    /** Reads one row. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private RangeQuery() {
    }

    /** {@code fetchSize} 0: the result read whole (a small result, and the only way PostgreSQL plans in parallel). */
    public static void stream(Session session, String sql, Instant from, Instant to, int fetchSize, Row row) {
        session.doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(fetchSize);
                ps.setObject(1, from.atOffset(ZoneOffset.UTC));
                ps.setObject(2, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
        });
    }
}
