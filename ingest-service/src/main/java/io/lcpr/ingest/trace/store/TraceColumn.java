package io.lcpr.ingest.trace.store;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.delivery.copy.BinaryCopy;

/**
 * The trace row: its columns in the order binary COPY writes them and a read selects them, each with its COPY
 * encoding. The one place the row's shape is written (V1-V4 migrations create it; TraceMigrationTest checks they
 * agree).
 */
enum TraceColumn {
    ID("id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(id);
        }
    },
    MONTH("month") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.dateField(TracePartitions.monthOf(s.trace().startedAt()));
        }
    },
    EVENT_ID("event_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.uuidField(s.eventId());
        }
    },
    DEDUPE_KEY("dedupe_key") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.dedupeKey());
        }
    },
    REQUEST_ID("request_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().requestId());
        }
    },
    TRACE_ID("trace_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().traceId());
        }
    },
    SPAN_ID("span_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().spanId());
        }
    },
    WORK_UNIT_ID("work_unit_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().workUnitId());
        }
    },
    PARENT_REQUEST_ID("parent_request_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().parentRequestId());
        }
    },
    ATTEMPT_KIND("attempt_kind") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().attemptKind());
        }
    },
    WORKLOAD("workload") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().workload());
        }
    },
    TEAM("team") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().team());
        }
    },
    ACCOUNT("account") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().account());
        }
    },
    PROVIDER("provider") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().provider());
        }
    },
    MODEL("model") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().model());
        }
    },
    SERVICE_TIER("service_tier") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().serviceTier());
        }
    },
    REGION("region") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().region());
        }
    },
    API_KEY_ID("api_key_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().apiKeyId());
        }
    },
    PROJECT_ID("project_id") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().projectId());
        }
    },
    PROMPT_VERSION("prompt_version") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().promptVersion());
        }
    },
    MODEL_VERSION("model_version") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().modelVersion());
        }
    },
    STARTED_AT("started_at") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.timestampField(s.trace().startedAt());
        }
    },
    INPUT_TOKENS("input_tokens") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().inputTokens());
        }
    },
    CACHE_READ_TOKENS("cache_read_tokens") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().cacheReadOrZero());
        }
    },
    CACHE_CREATION_TOKENS("cache_creation_tokens") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().cacheCreationOrZero());
        }
    },
    OUTPUT_TOKENS("output_tokens") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().outputOrZero());
        }
    },
    REASONING_TOKENS("reasoning_tokens") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().reasoningTokens());
        }
    },
    TTFT_MS("ttft_ms") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().ttftMs());
        }
    },
    E2E_MS("e2e_ms") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.int64Field(s.trace().e2eMs());
        }
    },
    STATUS("status") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().status());
        }
    },
    ERROR_TYPE("error_type") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().errorType());
        }
    },
    FINISH_REASON("finish_reason") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().finishReason());
        }
    },
    ATTRIBUTES("attributes") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.text(s.trace().attributes() == null ? null : EventJson.write(s.trace().attributes()));
        }
    },
    RECEIVED_AT("received_at") {
        @Override
        void copy(BinaryCopy out, long id, StoredTrace s) {
            out.timestampField(s.receivedAt());
        }
    };

    static final TraceColumn[] ALL = values();
    /** The column list of COPY and select statements, in row order. */
    static final String NAMES = Arrays.stream(ALL).map(c -> c.name).collect(Collectors.joining(", "));

    private static final TypeReference<Map<String, String>> ATTRIBUTE_MAP = new TypeReference<>() {
    };

    final String name;

    TraceColumn(String name) {
        this.name = name;
    }

    /** Writes this column of row {@code id} (the trace {@code s}) as a binary COPY field. */
    abstract void copy(BinaryCopy out, long id, StoredTrace s);

    /** Traces as a whole binary COPY stream, rows numbered from {@code firstId}. */
    static byte[] copyRows(long firstId, java.util.List<StoredTrace> traces) {
        BinaryCopy out = new BinaryCopy(64 + traces.size() * 360);
        long id = firstId;
        for (StoredTrace s : traces) {
            out.row(ALL.length);
            for (TraceColumn column : ALL) {
                column.copy(out, id, s);
            }
            id++;
        }
        return out.finish();
    }

    /** A row selected as {@code select NAMES from trace ...}. */
    static StoredTrace read(ResultSet rs) throws SQLException {
        CanonicalTrace trace = new CanonicalTrace(REQUEST_ID.text(rs), TRACE_ID.text(rs), SPAN_ID.text(rs),
                WORK_UNIT_ID.text(rs), PARENT_REQUEST_ID.text(rs), ATTEMPT_KIND.text(rs), WORKLOAD.text(rs),
                TEAM.text(rs), ACCOUNT.text(rs), PROVIDER.text(rs), MODEL.text(rs), SERVICE_TIER.text(rs),
                REGION.text(rs), API_KEY_ID.text(rs), PROJECT_ID.text(rs), PROMPT_VERSION.text(rs),
                MODEL_VERSION.text(rs), STARTED_AT.instant(rs), INPUT_TOKENS.count(rs), CACHE_READ_TOKENS.count(rs),
                CACHE_CREATION_TOKENS.count(rs), OUTPUT_TOKENS.count(rs), REASONING_TOKENS.count(rs),
                TTFT_MS.count(rs), E2E_MS.count(rs), STATUS.text(rs), ERROR_TYPE.text(rs), FINISH_REASON.text(rs),
                attributes(ATTRIBUTES.text(rs)));
        return new StoredTrace(rs.getObject(EVENT_ID.index(), UUID.class), DEDUPE_KEY.text(rs), RECEIVED_AT.instant(rs),
                trace);
    }

    private int index() {
        return ordinal() + 1;
    }

    private String text(ResultSet rs) throws SQLException {
        return rs.getString(index());
    }

    private Instant instant(ResultSet rs) throws SQLException {
        return rs.getTimestamp(index()).toInstant();
    }

    private Long count(ResultSet rs) throws SQLException {
        long value = rs.getLong(index());
        return rs.wasNull() ? null : value;
    }

    private static Map<String, String> attributes(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(json, ATTRIBUTE_MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored trace attributes are not a JSON object: " + json, e);
        }
    }
}
