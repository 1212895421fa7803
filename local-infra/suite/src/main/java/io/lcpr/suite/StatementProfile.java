package io.lcpr.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.infra.LocalInfra;

/**
 * Where PostgreSQL's time went in a measured phase, statement by statement (pg_stat_statements, counters reset at the
 * phase's start): the time is spent inside the server, on CPU or waiting (locks, disk), so it says which statement to
 * look at, beside CpuTimes' figure of how busy the server was. Off, and saying so, when the server was not started
 * with the module preloaded ({@code LCPR_PG_SERVER_CONFIG}, which {@code suite.sh bench-reconcile} sets). What
 * the time inside statements was spent on comes from WaitSampler, which runs either way.
 */
final class StatementProfile {
    /** How many statements a phase lists, the most time first (BENCH_STATEMENTS, default 8). */
    private static final int TOP = Integer.parseInt(System.getenv().getOrDefault("BENCH_STATEMENTS", "8"));
    private static final int LABEL_CHARS = 60;

    private final LocalInfra infra;
    private final boolean on;
    private final WaitSampler waits;

    private StatementProfile(LocalInfra infra, boolean on, WaitSampler waits) {
        this.infra = infra;
        this.on = on;
        this.waits = waits;
    }

    /** Resets the server's statement counters (when the module is loaded): the phase starts now. */
    static StatementProfile start(LocalInfra infra) throws Exception {
        try (Connection c = IngestBenchmark.connect(infra); Statement s = c.createStatement()) {
            boolean on;
            try (ResultSet rs = s.executeQuery("select current_setting('shared_preload_libraries')"
                    + " like '%pg_stat_statements%'")) {
                rs.next();
                on = rs.getBoolean(1);
            }
            if (on) {
                s.execute("create extension if not exists pg_stat_statements");
                s.execute("select pg_stat_statements_reset()");
            }
            s.execute("select pg_stat_reset_shared('wal'), pg_stat_reset_shared('checkpointer')");
            return new StatementProfile(infra, on, WaitSampler.start(infra));
        }
    }

    /**
     * The phase's statements by time spent in them, the largest first, then what the busy backends waited on
     * (WaitSampler, which this stops), as lines to print.
     */
    List<String> lines() throws Exception {
        List<String> out = new ArrayList<>();
        if (on) {
            out.addAll(statements());
        } else {
            out.add("off (PostgreSQL started without shared_preload_libraries=pg_stat_statements)");
        }
        out.add(wal());
        try (waits) {
            out.add("sampled from pg_stat_activity:");
            waits.lines().forEach(line -> out.add("  " + line));
        }
        return out;
    }

    private List<String> statements() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = IngestBenchmark.connect(infra); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select calls, total_exec_time, total_plan_time, rows,
                            regexp_replace(query, '\\s+', ' ', 'g'),
                            sum(total_exec_time + total_plan_time) over (), wal_records,
                            shared_blks_hit + shared_blks_read
                        from pg_stat_statements
                        where query not like '%pg_stat_statements%' and query not like '%pg_stat_activity%'
                        order by total_exec_time + total_plan_time desc""" + " limit " + TOP)) {
            while (rs.next()) {
                long calls = rs.getLong(1);
                double ms = rs.getDouble(2) + rs.getDouble(3);
                // WAL records and buffers touched do not depend on how fast the machine is that day: what two runs
                // of a changed statement compare when their times move with the machine
                // planning is counted only with pg_stat_statements.track_planning on (off by default)
                double planMs = rs.getDouble(3);
                out.add(String.format(
                        "%5.1f s %3.0f%% %,7d calls %,9.1f ms each %,11d rows %,11d WAL %,12d buffers %s %s",
                        ms / 1000, 100 * ms / rs.getDouble(6), calls, calls == 0 ? 0 : ms / calls, rs.getLong(4),
                        rs.getLong(7), rs.getLong(8), planMs == 0 ? "" : String.format("(%.0f%% planning)",
                                100 * planMs / ms), label(rs.getString(5))));
            }
        }
        return out;
    }

    /**
     * The write-ahead log the phase wrote and the checkpoints it took: full-page images (a page's first change after
     * a checkpoint is logged whole) are what more room between checkpoints (max_wal_size) saves.
     */
    private String wal() throws Exception {
        try (Connection c = IngestBenchmark.connect(infra); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select w.wal_records, w.wal_fpi, w.wal_bytes, k.num_timed, k.num_requested, k.buffers_written
                        from pg_stat_wal w, pg_stat_checkpointer k""")) {
            rs.next();
            return String.format("WAL: %,d records, %,d full-page images, %,.0f MB; checkpoints: %d timed,"
                    + " %d requested, %,d buffers written", rs.getLong(1), rs.getLong(2), rs.getDouble(3) / 1e6,
                    rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
    }

    private static String label(String query) {
        String q = query.strip();
        return q.length() <= LABEL_CHARS ? q : q.substring(0, LABEL_CHARS) + "...";
    }
}
