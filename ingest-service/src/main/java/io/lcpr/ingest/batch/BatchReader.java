package io.lcpr.ingest.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/**
 * Streams the records of a batch body, a JSON array or NDJSON, one at a time, never the whole body in memory, and
 * binds each to its type. In NDJSON a malformed line is one refused record; in a JSON array a syntax error ends the
 * batch at that record.
 */
public final class BatchReader {
    private BatchReader() {
    }

    public static <T> void read(InputStream body, Class<T> type, Consumer<ParsedRecord<T>> sink) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first;
        do {
            first = in.read();
        } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xFEFF);
        if (first == -1) {
            return;
        }
        in.unread(first);
        if (first == '[') {
            readArray(in, type, sink);
        } else {
            readLines(in, type, sink);
        }
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

    private static <T> void readLines(InputStream in, Class<T> type, Consumer<ParsedRecord<T>> sink) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int index = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            try {
                sink.accept(new ParsedRecord<>(index, RecordBinder.bind(index, line, type), null));
            } catch (InvalidRecordException e) {
                sink.accept(new ParsedRecord<>(index, null, e.error()));
            }
            index++;
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
