package io.lcpr.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.lcpr.infra.Database;

/**
 * The database's upkeep between two phases of a benchmark: VACUUM (ANALYZE) of everything written so far, timed, with
 * the CPU it took. Left to autovacuum, the upkeep of one phase's rows fell into the next: 0.35-0.72 autovacuum
 * workers busy a sample in the end-to-end phase, vacuuming the alone phase's million calls and units (sessions 35
 * and 36; in one run PostgreSQL took 21.2 s of CPU in that phase against 13.2-14.6 in the others). Done here, each
 * phase is measured on its own. What the VACUUM took is printed, not charged to a phase's traces: it scans whole
 * tables and indexes, so it follows the size of the database more than the rows just added.
 */
record Upkeep(double seconds, double cpuSeconds, int autovacuumsRunning) {
    /**
     * Vacuums and analyzes every table of the database, in one backend (no parallel workers), whose own CPU is the
     * figure: reconcile-service's compactors and alert passes may be busy meanwhile. Autovacuum then finds nothing to
     * do on those tables until new rows come (its counters start again from zero); a worker already busy is
     * cancelled by PostgreSQL when it stands in the VACUUM's way.
     */
    static Upkeep vacuum(Database database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement s = c.createStatement()) {
            long backend;
            int running;
            try (ResultSet rs = s.executeQuery("select pg_backend_pid(), (select count(*) from pg_stat_activity"
                    + " where backend_type = 'autovacuum worker')")) {
                rs.next();
                backend = rs.getLong(1);
                running = rs.getInt(2);
            }
            double cpuBefore = CpuTimes.ownSeconds(backend);
            Instant start = Instant.now();
            s.execute("vacuum (analyze, parallel 0)");
            double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
            return new Upkeep(seconds, CpuTimes.ownSeconds(backend) - cpuBefore, running);
        }
    }

    /** What the upkeep took. */
    String line(String after) {
        return String.format("  upkeep after %s: VACUUM (ANALYZE) of the database in %.1f s, %.1f s of its backend's"
                + " CPU (autovacuum workers running when it started: %d)", after, seconds, cpuSeconds,
                autovacuumsRunning);
    }
}
