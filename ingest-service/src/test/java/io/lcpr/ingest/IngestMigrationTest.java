package io.lcpr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalPostgres;
import io.lcpr.infra.Ports;

/** Upgrading a database that holds rows stored under earlier migrations. */
class IngestMigrationTest {

    /** Statements run on a fresh database migrated up to a version, before the remaining migrations. */
    interface Before {
        void run(Statement st) throws Exception;
    }

    /** Migrates a fresh database to {@code version}, runs {@code before}, migrates the rest; returns a connection. */
    private static Connection upgraded(LocalPostgres pg, String version, Before before) throws Exception {
        flyway(pg, version).migrate();
        Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        try (Statement st = c.createStatement()) {
            before.run(st);
            flyway(pg, "latest").migrate();
            return c;
        } catch (Exception e) {
            c.close();
            throw e;
        }
    }

    @Test
    void v2MovesV1TracesIntoMonthlyPartitionsWithTheirEventIds() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(Files.createTempDirectory("trace-migration"), Ports.free());
                Connection c = upgraded(pg, "1", st -> st.execute("""
                        insert into ingest.trace (dedupe_key, request_id, attempt_kind, provider, model, service_tier,
                          started_at, input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens)
                        values ('req:openai:a', 'a', 'first_attempt', 'openai', 'gpt-4o', 'standard',
                                '2026-03-31T23:59:59Z', 10, 0, 0, 1),
                               ('req:openai:b', 'b', 'retry', 'openai', 'gpt-4o', 'standard',
                                '2026-04-01T00:00:00Z', 20, 5, 0, 2)"""))) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select request_id, tableoid::regclass::text, month::text, event_id,"
                            + " dedupe_key, input_tokens from ingest.trace order by request_id")) {
                rs.next();
                assertRow(rs, "a", "ingest.trace_2026_03", "2026-03-01", 10);
                rs.next();
                assertRow(rs, "b", "ingest.trace_2026_04", "2026-04-01", 20);
                assertEquals(false, rs.next());
            }
        }
    }

    /** Outcomes numbered by the table's own sequence stay as they are; the first chunk numbers its rows above them. */
    @Test
    void v5StartsOutcomeChunksAboveTheOutcomeIdsStoredBefore() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(Files.createTempDirectory("outcome-migration"), Ports.free());
                Connection c = upgraded(pg, "4", st -> {
                    st.execute("select setval('ingest.outcome_id_seq', 3000000)"); // three million stored before
                    st.execute("insert into ingest.outcome (dedupe_key, kind, request_id, received_at)"
                            + " values ('id:before', 'eval', 'r', now())");
                })) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select nextval('ingest.outcome_chunk_seq'), max(id)"
                            + " from ingest.outcome")) {
                rs.next();
                assertEquals(3000001, rs.getLong(2), "the outcome kept its id");
                assertEquals(3, rs.getLong(1), "chunk 3 is the first whose ids [3 * 2^20, 4 * 2^20) are all free");
            }
        }
    }

    private static void assertRow(ResultSet rs, String request, String partition, String month, long input)
            throws Exception {
        assertEquals(request, rs.getString(1));
        assertEquals(partition, rs.getString(2));
        assertEquals(month, rs.getString(3));
        assertEquals(UUID.nameUUIDFromBytes(rs.getString(5).getBytes(StandardCharsets.UTF_8)), rs.getObject(4, UUID.class));
        assertEquals(input, rs.getLong(6));
    }

    private static Flyway flyway(LocalPostgres pg, String target) {
        return Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password()).schemas("ingest")
                .defaultSchema("ingest").locations("classpath:db/migration", "classpath:db/delivery").target(target)
                .load();
    }
}
