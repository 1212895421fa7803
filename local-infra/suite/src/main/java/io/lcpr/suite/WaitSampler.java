package io.lcpr.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lcpr.infra.LocalInfra;

/**
 * What PostgreSQL's busy backends were doing through a phase, sampled from pg_stat_activity every
 * {@value #EVERY_MS} ms: the statement and its wait event, or none (on a CPU, or runnable and waiting for one). It
 * splits the statement time pg_stat_statements reports into row locks, disk and CPU, which the counters cannot; and
 * it counts the deadlocks and rolled-back transactions of the phase (pg_stat_database), each a poll retried. The
 * same samples count the background processes at work (autovacuum and parallel workers) and on what.
 */
final class WaitSampler implements AutoCloseable {
    static final long EVERY_MS = 100;
    private static final int TOP = 8;
    private static final int LABEL_CHARS = 48;
    private static final String NO_WAIT = "no wait event";
    private static final String CLIENT = "client backend";
    private static final String SAMPLE = """
            select coalesce(wait_event_type || ':' || wait_event, '%s'),
                left(regexp_replace(query, '\\s+', ' ', 'g'), %d), backend_type
            from pg_stat_activity
            where (state = 'active' and backend_type = '%s' and pid <> pg_backend_pid())
                or backend_type in ('autovacuum worker', 'parallel worker')
            """.formatted(NO_WAIT, LABEL_CHARS, CLIENT);

    private final Connection connection;
    private final long[] startCounts;
    private final Map<String, Integer> samples = new HashMap<>();
    /**
     * Background processes by kind and work (an autovacuum worker's table, a parallel worker's statement): they exit
     * when done, so CpuTimes' look at the live processes at a phase's end misses their CPU.
     */
    private final Map<String, Integer> background = new HashMap<>();
    private final Thread thread;
    private volatile boolean stop;
    private int ticks;

    private WaitSampler(Connection connection) throws Exception {
        this.connection = connection;
        this.startCounts = databaseCounts();
        this.thread = new Thread(this::sample, "wait-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static WaitSampler start(LocalInfra infra) throws Exception {
        return new WaitSampler(IngestBenchmark.connect(infra));
    }

    private void sample() {
        try (Statement s = connection.createStatement()) {
            while (!stop) {
                try (ResultSet rs = s.executeQuery(SAMPLE)) {
                    synchronized (this) {
                        ticks++;
                        while (rs.next()) {
                            String query = rs.getString(2) == null ? "" : rs.getString(2).strip();
                            String kind = rs.getString(3);
                            if (CLIENT.equals(kind)) {
                                samples.merge(rs.getString(1) + "  " + query, 1, Integer::sum);
                            } else {
                                background.merge(kind + "  " + query, 1, Integer::sum);
                            }
                        }
                    }
                }
                Thread.sleep(EVERY_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stop) {
                System.out.println("  wait sampling stopped: " + e.getMessage());
            }
        }
    }

    private long[] databaseCounts() throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select deadlocks,"
                + " xact_rollback from pg_stat_database where datname = current_database()")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    /**
     * Stops sampling; the phase's busy backends per sample, the largest shares of (wait, statement) pairs and the
     * deadlocks and rollbacks, as lines to print.
     */
    List<String> lines() throws Exception {
        stopSampling();
        List<String> out = new ArrayList<>();
        Map<String, Integer> byWait = new HashMap<>();
        int total;
        List<Map.Entry<String, Integer>> top;
        synchronized (this) {
            total = samples.values().stream().mapToInt(Integer::intValue).sum();
            samples.forEach((k, n) -> byWait.merge(k.substring(0, k.indexOf("  ")), n, Integer::sum));
            top = samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(TOP).toList();
            out.add(String.format("%,d samples every %d ms, %.2f busy backends a sample; by wait: %s", ticks,
                    EVERY_MS, ticks == 0 ? 0 : (double) total / ticks, shares(byWait, total)));
        }
        top.forEach(e -> out.add(String.format("%3.0f%%  %s", 100.0 * e.getValue() / total, e.getKey())));
        out.addAll(backgroundLines());
        long[] end = databaseCounts();
        out.add(String.format("deadlocks %,d, transactions rolled back %,d (each a poll retried or a lost race)",
                end[0] - startCounts[0], end[1] - startCounts[1]));
        return out;
    }

    /** Background processes per sample by kind, and the largest shares of their work. */
    private synchronized List<String> backgroundLines() {
        Map<String, Integer> byKind = new HashMap<>();
        background.forEach((k, n) -> byKind.merge(k.substring(0, k.indexOf("  ")), n, Integer::sum));
        List<String> out = new ArrayList<>();
        out.add("background processes a sample: " + (byKind.isEmpty() ? "none"
                : byKind.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .map(e -> String.format("%s %.2f", e.getKey(), ticks == 0 ? 0 : (double) e.getValue() / ticks))
                        .reduce((a, b) -> a + ", " + b).orElseThrow()));
        background.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> out.add(String.format("%5.2f  %s", (double) e.getValue() / ticks, e.getKey())));
        return out;
    }

    private static String shares(Map<String, Integer> counts, int total) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP).map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total))
                .reduce((a, b) -> a + ", " + b).orElse("none busy");
    }

    @Override
    public void close() throws Exception {
        stopSampling();
        connection.close();
    }

    private void stopSampling() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }
}
