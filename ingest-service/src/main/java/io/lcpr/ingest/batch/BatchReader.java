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

/**
 * Streams the records of a batch body, a JSON array or NDJSON, one at a time, never the whole body in memory. In
 * NDJSON a malformed line is one refused record; in a JSON array a syntax error ends the batch at that record.
 */
public final class BatchReader {
    private BatchReader() {
    }

    public static void read(InputStream body, Consumer<ParsedRecord> sink) throws IOException {
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
            readArray(in, sink);
        } else {
            readLines(in, sink);
        }
    }

    private static void readArray(InputStream in, Consumer<ParsedRecord> sink) throws IOException {
        int index = 0;
        try (JsonParser parser = EventJson.MAPPER.createParser(in)) {
            parser.nextToken();
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                } catch (JsonProcessingException e) {
                    sink.accept(new ParsedRecord(index, null, new RecordError(index, "$", "malformed JSON: "
                            + e.getOriginalMessage())));
                    return;
                }
                if (token == JsonToken.END_ARRAY || token == null) {
                    return;
                }
                try {
                    JsonNode node = EventJson.MAPPER.readTree(parser);
                    sink.accept(object(index, node));
                } catch (JsonProcessingException e) {
                    sink.accept(new ParsedRecord(index, null, new RecordError(index, "$", "malformed JSON: "
                            + e.getOriginalMessage())));
                    return;
                }
                index++;
            }
        }
    }

    private static void readLines(InputStream in, Consumer<ParsedRecord> sink) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int index = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            try {
                sink.accept(object(index, EventJson.MAPPER.readTree(line)));
            } catch (JsonProcessingException e) {
                sink.accept(new ParsedRecord(index, null, new RecordError(index, "$", "malformed JSON: "
                        + e.getOriginalMessage())));
            }
            index++;
        }
    }

    private static ParsedRecord object(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return new ParsedRecord(index, null, new RecordError(index, "$", "a record must be a JSON object"));
        }
        return new ParsedRecord(index, node, null);
    }
}
