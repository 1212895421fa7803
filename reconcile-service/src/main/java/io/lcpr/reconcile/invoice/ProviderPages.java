package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;

import io.lcpr.events.EventJson;

/**
 * The paged responses of the provider usage and cost APIs ({@code {data: [bucket...], has_more, next_page}}), one
 * page, several pages one after another, or a JSON array of pages: each bucket's results handed over with where they
 * are ({@code page 2, data[0].results[3]}) for errors.
 */
final class ProviderPages {
    /** One result of a bucket, and the bucket around it. */
    interface ResultSink {
        void accept(JsonNode bucket, JsonNode result, String path);
    }

    private ProviderPages() {
    }

    static void read(InputStream in, ResultSink sink) throws IOException {
        int page = 0;
        try (MappingIterator<JsonNode> values = EventJson.MAPPER.readerFor(JsonNode.class).readValues(in)) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                for (JsonNode p : value.isArray() ? value : java.util.List.of(value)) {
                    page++;
                    String where = "page " + page;
                    JsonNode data = p.get("data");
                    if (data == null || !data.isArray()) {
                        throw new InvoiceFileException(where, "data", "not a page of the usage or cost API: no data array");
                    }
                    for (int b = 0; b < data.size(); b++) {
                        JsonNode results = data.get(b).get("results");
                        if (results == null || !results.isArray()) {
                            throw new InvoiceFileException(where, "data[" + b + "].results", "missing or not an array");
                        }
                        for (int r = 0; r < results.size(); r++) {
                            sink.accept(data.get(b), results.get(r), where + ", data[" + b + "].results[" + r + "]");
                        }
                    }
                }
            }
        } catch (JsonParseException e) {
            throw new InvoiceFileException("line " + e.getLocation().getLineNr(),
                    "column " + e.getLocation().getColumnNr(), "not JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    static long count(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asLong() : 0;
    }

    static Instant unixSeconds(JsonNode bucket, String field, String path) {
        JsonNode v = bucket.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new InvoiceFileException(path, field, "missing or not unix seconds");
        }
        return Instant.ofEpochSecond(v.asLong());
    }

    static Instant rfc3339(JsonNode bucket, String field, String path) {
        String v = text(bucket, field);
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            throw new InvoiceFileException(path, field, "'" + v + "' is not an RFC 3339 time");
        }
    }

    static BigDecimal decimal(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvoiceFileException(path, field, "missing");
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new InvoiceFileException(path, field, "'" + v.asText() + "' is not a decimal number");
        }
    }
}
