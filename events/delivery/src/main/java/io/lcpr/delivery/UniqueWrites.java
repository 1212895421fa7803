package io.lcpr.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.hibernate.jdbc.ReturningWork;

/**
 * Writes of rows that are new as a rule, without a conflict check on each: INSERT ... ON CONFLICT inserts each row
 * speculatively and confirms it (a WAL record more a row) and checks the unique index before each one. The write runs
 * under a savepoint; when a row was stored before (a unique key violated, SQLSTATE 23505), it is rolled back to the
 * savepoint and the caller writes again skipping the stored rows. Any other error goes through.
 */
public final class UniqueWrites {
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueWrites() {
    }

    /** The write's result, or empty (rolled back) when one of its rows was stored before. */
    public static <T> Optional<T> unlessStoredBefore(Connection connection, ReturningWork<T> write)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("savepoint all_new");
            try {
                T result = write.execute(connection);
                st.execute("release savepoint all_new");
                return Optional.of(result);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                st.execute("rollback to savepoint all_new");
                return Optional.empty();
            }
        }
    }

    /** The write of rows new as a rule; when one was stored before, {@code skippingStored} instead, after the rollback. */
    public static <T> T allNewElse(Connection connection, ReturningWork<T> allNew, ReturningWork<T> skippingStored)
            throws SQLException {
        Optional<T> result = unlessStoredBefore(connection, allNew);
        return result.isPresent() ? result.get() : skippingStored.execute(connection);
    }
}
