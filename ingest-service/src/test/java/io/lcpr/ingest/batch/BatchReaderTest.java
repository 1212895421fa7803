package io.lcpr.ingest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cutting NDJSON lines from a body that arrives in pieces of any size. */
class BatchReaderTest {

    /** A record of one field, so each line's text is visible in the result. */
    public record Line(String v) {
    }

    /** Hands out at most {@code step} bytes per read, like a network body arriving in pieces. */
    static InputStream trickle(byte[] body, int step) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static List<String> read(String body, int step) throws IOException {
        List<String> out = new ArrayList<>();
        BatchReader.read(trickle(body.getBytes(StandardCharsets.UTF_8), step), RecordReader.of(Line.class),
                r -> out.add(r.error() == null ? r.index() + ":" + r.value().v() : r.index() + "!" + r.error().field()));
        return out;
    }

    @Test
    void cutsLinesWhereverTheBodyIsSplit() throws IOException {
        String longValue = "\u00e9".repeat(70_000); // a line longer than the read buffer, in two-byte characters
        String body = "\uFEFF{\"v\":\"a\"}\r\n\n   \n{\"v\":\"" + longValue + "\"}\n{broken\n{\"v\":\"\u4e2d\"}";
        List<String> expected = List.of("0:a", "1:" + longValue, "2!$", "3:\u4e2d");
        for (int step : new int[] { 1, 7, 4096, 65_536, Integer.MAX_VALUE }) {
            assertEquals(expected, read(body, step), "pieces of " + step);
        }
    }

    @Test
    void readsJsonArraysAndEmptyBodies() throws IOException {
        assertEquals(List.of("0:a", "1:b"), read("  [{\"v\":\"a\"},\n{\"v\":\"b\"}]", 3));
        assertEquals(List.of(), read(" \n\t", 1));
        assertEquals(List.of(), read("", 1));
    }
}
