package io.lcpr.ingest.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/**
 * Streams the records of a batch body, a JSON array or NDJSON, one at a time, never the whole body in memory, and
 * binds each to its type. NDJSON lines are cut from the bytes as they arrive and handed to the reader as bytes (no
 * String per line); a malformed line is one refused record. In a JSON array a syntax error ends the batch at that
 * record.
 */
public final class BatchReader {
    private static final int BUFFER_BYTES = 64 * 1024;

    private BatchReader() {
    }

    public static <T> void read(InputStream body, RecordReader<T> reader, Consumer<ParsedRecord<T>> sink)
            throws IOException {
        byte[] buf = new byte[BUFFER_BYTES];
        int end = fill(body, buf, 0);
        int start = 0;
        if (end >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            start = 3; // a UTF-8 byte order mark
        }
        while (start < end && isSpace(buf[start])) {
            start++;
        }
        if (start == end) {
            return;
        }
        if (buf[start] == '[') {
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, start, end - start), body);
            readArray(rest, reader.type(), sink);
        } else {
            readLines(body, buf, start, end, reader, sink);
        }
    }

    /** Reads until the buffer is full or the body ends; returns the end of the data. */
    private static int fill(InputStream in, byte[] buf, int end) throws IOException {
        int n;
        while (end < buf.length && (n = in.read(buf, end, buf.length - end)) > 0) {
            end += n;
        }
        return end;
    }

    private static <T> void readLines(InputStream in, byte[] buf, int start, int end, RecordReader<T> reader,
            Consumer<ParsedRecord<T>> sink) throws IOException {
        int index = 0;
        int scan = start;
        boolean eof = end < buf.length; // fill stops short of a full buffer only at the end of the body
        while (true) {
            int nl = indexOfNewline(buf, scan, end);
            if (nl < 0 && !eof) {
                // No whole line left in the buffer: keep the partial one, make room, read on.
                System.arraycopy(buf, start, buf, 0, end - start);
                scan = end - start;
                end -= start;
                start = 0;
                if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                }
                int filled = fill(in, buf, end);
                eof = filled < buf.length;
                end = filled;
                continue;
            }
            int lineEnd = nl < 0 ? end : nl;
            if (lineEnd > start && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (!isBlank(buf, start, lineEnd)) {
                try {
                    sink.accept(new ParsedRecord<>(index, reader.read(index, buf, start, lineEnd - start), null));
                } catch (InvalidRecordException e) {
                    sink.accept(new ParsedRecord<>(index, null, e.error()));
                }
                index++;
            }
            if (nl < 0) {
                return;
            }
            start = nl + 1;
            scan = start;
        }
    }

    private static int indexOfNewline(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isSpace(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static <T> void readArray(InputStream in, Class<T> type, Consumer<ParsedRecord<T>> sink) throws IOException {
        int index = 0;
        try (JsonParser parser = EventJson.MAPPER.createParser(in)) {
            parser.nextToken();
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    sink.accept(new ParsedRecord<>(index, null, new RecordError(index, "$", "malformed JSON: "
                            + e.getOriginalMessage())));
                    return;
                }
                if (token == JsonToken.END_ARRAY || token == null) {
                    return;
                }
                try {
                    JsonNode node = EventJson.MAPPER.readTree(parser);
                    sink.accept(bound(index, node, type));
                } catch (JsonProcessingException e) {
                    sink.accept(new ParsedRecord<>(index, null, new RecordError(index, "$", "malformed JSON: "
                            + e.getOriginalMessage())));
                    return;
                }
                index++;
            }
        }
    }

    private static <T> ParsedRecord<T> bound(int index, JsonNode node, Class<T> type) {
        if (node == null || !node.isObject()) {
            return new ParsedRecord<>(index, null, new RecordError(index, "$", "a record must be a JSON object"));
        }
        try {
            return new ParsedRecord<>(index, RecordBinder.bind(index, node, type), null);
        } catch (InvalidRecordException e) {
            return new ParsedRecord<>(index, null, e.error());
        }
    }
}
