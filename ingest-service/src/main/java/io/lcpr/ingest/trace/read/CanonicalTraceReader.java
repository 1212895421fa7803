package io.lcpr.ingest.trace.read;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Instants;
import io.lcpr.ingest.batch.RecordBinder;
import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;
import io.lcpr.ingest.batch.RecordReader;

/**
 * Reads a canonical trace from its JSON bytes token by token. Databind's generic path (reflection over the record's
 * components, java.time's formatter for {@code started_at}) was the largest cost of ingesting a trace. Only the
 * shape gateways send is read here: strings as strings, counts as integers, {@code started_at} as
 * {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, attributes as string values, each field once. Anything else, including
 * malformed JSON, goes to databind, so coercions and error messages stay databind's; CanonicalTraceReaderTest
 * checks both give the same result.
 */
public final class CanonicalTraceReader implements RecordReader<CanonicalTrace> {
    private static final JsonFactory FACTORY = EventJson.MAPPER.getFactory();

    @Override
    public Class<CanonicalTrace> type() {
        return CanonicalTrace.class;
    }

    @Override
    public CanonicalTrace read(int index, byte[] buf, int off, int len) throws InvalidRecordException {
        CanonicalTrace fast = readCommonShape(buf, off, len);
        return fast != null ? fast : RecordBinder.bind(index, buf, off, len, CanonicalTrace.class);
    }

    /** The trace, or null when the JSON is not in the common shape (databind reads it then). */
    static CanonicalTrace readCommonShape(byte[] buf, int off, int len) {
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            return new Fields().read(p);
        } catch (IOException | NotCommonShape e) {
            return null;
        }
    }

    /** Thrown where the common shape ends; no stack trace, it is control flow. */
    private static final class NotCommonShape extends RuntimeException {
        static final NotCommonShape INSTANCE = new NotCommonShape();

        private NotCommonShape() {
            super(null, null, false, false);
        }
    }

    private static final class Fields {
        String requestId, traceId, spanId, workUnitId, parentRequestId, attemptKind, workload, team, account, provider,
                model, serviceTier, region, apiKeyId, projectId, promptVersion, modelVersion, status, errorType,
                finishReason;
        Instant startedAt;
        Long inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens, reasoningTokens, ttftMs, e2eMs;
        Map<String, String> attributes;
        long seen;

        CanonicalTrace read(JsonParser p) throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NotCommonShape.INSTANCE;
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                token = p.nextToken();
                switch (name) {
                    case "request_id" -> requestId = string(p, token, 0);
                    case "trace_id" -> traceId = string(p, token, 1);
                    case "span_id" -> spanId = string(p, token, 2);
                    case "work_unit_id" -> workUnitId = string(p, token, 3);
                    case "parent_request_id" -> parentRequestId = string(p, token, 4);
                    case "attempt_kind" -> attemptKind = string(p, token, 5);
                    case "workload" -> workload = string(p, token, 6);
                    case "team" -> team = string(p, token, 7);
                    case "account" -> account = string(p, token, 8);
                    case "provider" -> provider = string(p, token, 9);
                    case "model" -> model = string(p, token, 10);
                    case "service_tier" -> serviceTier = string(p, token, 11);
                    case "region" -> region = string(p, token, 12);
                    case "api_key_id" -> apiKeyId = string(p, token, 13);
                    case "project_id" -> projectId = string(p, token, 14);
                    case "prompt_version" -> promptVersion = string(p, token, 15);
                    case "model_version" -> modelVersion = string(p, token, 16);
                    case "status" -> status = string(p, token, 17);
                    case "error_type" -> errorType = string(p, token, 18);
                    case "finish_reason" -> finishReason = string(p, token, 19);
                    case "started_at" -> startedAt = instant(string(p, token, 20));
                    case "input_tokens" -> inputTokens = count(p, token, 21);
                    case "cache_read_tokens" -> cacheReadTokens = count(p, token, 22);
                    case "cache_creation_tokens" -> cacheCreationTokens = count(p, token, 23);
                    case "output_tokens" -> outputTokens = count(p, token, 24);
                    case "reasoning_tokens" -> reasoningTokens = count(p, token, 25);
                    case "ttft_ms" -> ttftMs = count(p, token, 26);
                    case "e2e_ms" -> e2eMs = count(p, token, 27);
                    case "attributes" -> attributes = attributes(p, token, 28);
                    default -> p.skipChildren(); // databind ignores unknown fields too
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw NotCommonShape.INSTANCE;
            }
            return new CanonicalTrace(requestId, traceId, spanId, workUnitId, parentRequestId, attemptKind, workload,
                    team, account, provider, model, serviceTier, region, apiKeyId, projectId, promptVersion,
                    modelVersion, startedAt, inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens,
                    reasoningTokens, ttftMs, e2eMs, status, errorType, finishReason, attributes);
        }

        private void once(int field) {
            long bit = 1L << field;
            if ((seen & bit) != 0) {
                throw NotCommonShape.INSTANCE;
            }
            seen |= bit;
        }

        private String string(JsonParser p, JsonToken token, int field) throws IOException {
            once(field);
            if (token == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            throw NotCommonShape.INSTANCE;
        }

        private Long count(JsonParser p, JsonToken token, int field) throws IOException {
            once(field);
            if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            throw NotCommonShape.INSTANCE;
        }

        private Map<String, String> attributes(JsonParser p, JsonToken token, int field) throws IOException {
            once(field);
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw NotCommonShape.INSTANCE;
            }
            Map<String, String> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING || map.containsKey(key)) {
                    throw NotCommonShape.INSTANCE;
                }
                map.put(key, p.getText());
            }
            return map;
        }
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}, or not the common shape. */
    static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        Instant at = Instants.parseUtc(s);
        if (at == null) {
            throw NotCommonShape.INSTANCE;
        }
        return at;
    }
}
