package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.Database;
import io.lcpr.infra.LocalPostgres;
import io.lcpr.infra.Ports;

class UpkeepTest {

    @Test
    void vacuumsAndAnalyzesEveryTableOfEverySchema() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(Files.createTempDirectory("upkeep").resolve("pg"), Ports.free())) {
            Database db = new Database(pg.jdbcUrl(), pg.username(), pg.password());
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                // two services' schemas, as the benchmark's database holds them
                for (String table : new String[] { "ingest.trace", "reconcile.usage_call" }) {
                    s.execute("create schema if not exists " + table.substring(0, table.indexOf('.')));
                    s.execute("create table " + table + " (id bigint primary key, model text) with"
                            + " (autovacuum_enabled = false)");
                    s.execute("insert into " + table + " select i, 'm' || (i % 6) from generate_series(1, 200000) i");
                }
                assertNull(vacuumedAndAnalyzed(s, "usage_call"), "not vacuumed before");
            }

            Upkeep upkeep = Upkeep.vacuum(db);

            try (Connection c = connect(db); Statement s = c.createStatement()) {
                assertEquals("true true", vacuumedAndAnalyzed(s, "trace"));
                assertEquals("true true", vacuumedAndAnalyzed(s, "usage_call"));
            }
            assertTrue(upkeep.seconds() > 0, "timed");
            if (Files.isDirectory(Path.of("/proc/self"))) {
                assertTrue(upkeep.cpuSeconds() > 0, "the backend's CPU for 400,000 rows, read from /proc");
                assertTrue(upkeep.cpuSeconds() <= upkeep.seconds() + 0.02, "one backend: no more CPU than time");
            }
            assertEquals(0, upkeep.autovacuumsRunning(), "autovacuum is off on these tables");
            String line = upkeep.line("folding alone");
            assertTrue(line.startsWith("  upkeep after folding alone: VACUUM (ANALYZE) of the database in "), line);
            assertTrue(line.endsWith("autovacuum workers running when it started: 0)"), line);
        }
    }

    private static Connection connect(Database db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    /** "vacuumed analyzed" for a table, each true or false; null when it has been neither. */
    private static String vacuumedAndAnalyzed(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("select last_vacuum is not null, last_analyze is not null"
                + " from pg_stat_user_tables where relname = '" + table + "'")) {
            rs.next();
            boolean vacuumed = rs.getBoolean(1);
            boolean analyzed = rs.getBoolean(2);
            return vacuumed || analyzed ? vacuumed + " " + analyzed : null;
        }
    }
}
