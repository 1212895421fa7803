package io.lcpr.delivery.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalPostgres;
import io.lcpr.infra.Ports;

/** Each field type as a real PostgreSQL server reads it back from a binary COPY stream. */
class BinaryCopyTest {
    private static LocalPostgres postgres;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        postgres = LocalPostgres.start(Files.createTempDirectory("binary-copy").resolve("pg"), Ports.free());
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
        try (Statement s = connection.createStatement()) {
            s.execute("""
                    create table copied (big int8, small int2, normal int4, flag bool, name text, id uuid, day date,
                        at timestamptz, micros timestamptz)""");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        postgres.close();
    }

    @Test
    void everyFieldTypeReadsBackAsWritten() throws Exception {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        Instant at = Instant.parse("2026-07-20T14:37:12.123456Z");
        BinaryCopy rows = new BinaryCopy(16); // grows past its first size
        rows.row(9);
        rows.int64Field(-9_000_000_000L);
        rows.int16Field((short) -2);
        rows.int32Field(70_000);
        rows.boolField(true);
        rows.text("ascii and é, 東京");
        rows.uuidField(id);
        rows.dateField(LocalDate.of(1999, 12, 31));
        rows.timestampField(at);
        rows.timestampMicrosField(-1L); // a microsecond before the Unix epoch
        rows.row(9);
        rows.int64Field((Long) null);
        rows.int16Field(Short.MAX_VALUE);
        rows.int32Field(0);
        rows.boolField(false);
        rows.text(null);
        rows.uuidField(id);
        rows.dateField(LocalDate.of(2000, 1, 1));
        rows.timestampField(Instant.parse("1969-12-31T23:59:59.999999Z"));
        rows.timestampMicrosField(0L);

        assertEquals(2, BinaryCopy.copyIn(connection, "copy copied from stdin (format binary)", rows.finish()));

        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select * from copied order by small")) {
            assertTrue(rs.next());
            assertEquals(-9_000_000_000L, rs.getLong("big"));
            assertEquals(-2, rs.getShort("small"));
            assertEquals(70_000, rs.getInt("normal"));
            assertTrue(rs.getBoolean("flag"));
            assertEquals("ascii and é, 東京", rs.getString("name"));
            assertEquals(id, rs.getObject("id", UUID.class));
            assertEquals(LocalDate.of(1999, 12, 31), rs.getObject("day", LocalDate.class));
            assertEquals(at, rs.getObject("at", OffsetDateTime.class).toInstant());
            assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"),
                    rs.getObject("micros", OffsetDateTime.class).toInstant());

            assertTrue(rs.next());
            rs.getLong("big");
            assertTrue(rs.wasNull());
            assertEquals(Short.MAX_VALUE, rs.getShort("small"));
            assertFalse(rs.getBoolean("flag"));
            assertNull(rs.getString("name"));
            assertEquals(LocalDate.of(2000, 1, 1), rs.getObject("day", LocalDate.class));
            assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"),
                    rs.getObject("at", OffsetDateTime.class).toInstant());
            assertEquals(Instant.EPOCH, rs.getObject("micros", OffsetDateTime.class).toInstant());
            assertFalse(rs.next());
        }
    }

    @Test
    void rowsSentFromTheirBufferStopAtTheirEnd() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("create table sent (n int8, name text)");
        }
        BinaryCopy rows = new BinaryCopy(64 * 1024); // room left over: what lies past the rows is not sent
        for (long n = 1; n <= 3; n++) {
            rows.row(2);
            rows.int64Field(n);
            rows.text("row " + n);
        }

        assertEquals(3, rows.copyIn(connection, "copy sent from stdin (format binary)"));

        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select count(*), sum(n), string_agg(name, ',' order by n) from sent")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1));
            assertEquals(6, rs.getLong(2));
            assertEquals("row 1,row 2,row 3", rs.getString(3));
        }
    }
}
