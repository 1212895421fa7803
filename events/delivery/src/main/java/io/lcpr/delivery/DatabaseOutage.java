package io.lcpr.delivery;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Callable;

import org.jboss.logging.Logger;

/**
 * A database that cannot be reached (a restart, a failover, the pool exhausted) is an outage, not a verdict on the
 * records in hand: a consumer waits it out and handles the same records again, instead of retrying a few times and
 * sending good records to its dead-letter topic once an outage outlasts those (about 3 s). A statement the
 * database refused is not an outage and fails at once.
 */
public final class DatabaseOutage {
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    static final long FIRST_WAIT_MS = 500;
    static final long LONGEST_WAIT_MS = 10_000;

    private DatabaseOutage() {
    }

    /** A connection that could not be had or was lost, as opposed to a statement the database refused. */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().toLowerCase().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs the work, again and again while the database is unreachable (waits doubling up to 10 s). */
    public static <T> T outlast(Callable<T> work, String what) throws Exception {
        return outlast(work, what, FIRST_WAIT_MS);
    }

    static <T> T outlast(Callable<T> work, String what, long firstWaitMs) throws Exception {
        long wait = firstWaitMs;
        long since = 0;
        while (true) {
            try {
                T result = work.call();
                if (since != 0) {
                    LOG.infof("%s: the database is back after %d ms; the records in hand are handled", what,
                            System.currentTimeMillis() - since);
                }
                return result;
            } catch (Exception e) {
                if (!unreachable(e)) {
                    throw e;
                }
                if (since == 0) {
                    since = System.currentTimeMillis();
                }
                LOG.warnf("%s: the database is unreachable (%s); the same records again in %d ms, none dead-lettered",
                        what, e.getMessage(), wait);
                Thread.sleep(wait);
                wait = Math.min(wait * 2, LONGEST_WAIT_MS);
            }
        }
    }
}
