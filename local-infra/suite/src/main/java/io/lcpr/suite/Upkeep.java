package io.lcpr.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.lcpr.infra.Database;

/**
 * The database's upkeep between two phases of a benchmark: VACUUM (ANALYZE) of everything written so far, timed, with
 * PostgreSQL's CPU while it ran. Left to autovacuum, the upkeep of one phase's rows fell into the next: 0.65-0.72
 * autovacuum workers busy a sample in the end-to-end phase, vacuuming the alone phase's million calls and units
 * (sessions 35 and 36), and that phase's PostgreSQL CPU 1.5 times what it was without. Done here, each phase is
 * measured on its own, and what its rows will cost to keep is printed beside it, with a rate that counts it in.
 */
record Upkeep(double seconds, double postgresCpuSeconds, int autovacuumsRunning) {
    /** The cores the upkeep's CPU would be spread over, had it run beside the phase (this machine's). */
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * Vacuums and analyzes every table of the database. Autovacuum then finds nothing to do on them until new rows
     * come (its counters start again from zero); a worker already busy is cancelled by PostgreSQL when it stands in
     * the VACUUM's way.
     */
    static Upkeep vacuum(Database database) throws Exception {
        Map<Long, CpuTimes.PostgresProcess> before = CpuTimes.postgresProcesses();
        Instant start = Instant.now();
        int running;
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'")) {
                rs.next();
                running = rs.getInt(1);
            }
            s.execute("vacuum (analyze)");
        }
        double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        double cpu = CpuTimes.postgresByRole(before, CpuTimes.postgresProcesses()).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        return new Upkeep(seconds, cpu, running);
    }

    /** What the upkeep took, a trace of the phase whose rows it kept. */
    String line(String after, long traces) {
        return String.format("  upkeep after %s: VACUUM (ANALYZE) of the database in %.1f s, PostgreSQL %.1f s of CPU"
                + " (%.1f µs a trace; autovacuum workers running when it started: %d)", after, seconds,
                postgresCpuSeconds, postgresCpuSeconds * 1e6 / traces, autovacuumsRunning);
    }

    /** A phase's rate with its upkeep counted in: its own time, and the upkeep's CPU spread over the machine's cores. */
    double rateWith(long traces, double phaseSeconds) {
        return traces / (phaseSeconds + postgresCpuSeconds / CORES);
    }
}
