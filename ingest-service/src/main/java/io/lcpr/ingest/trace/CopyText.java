package io.lcpr.ingest.trace;

import java.util.List;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;

/** Traces as rows of PostgreSQL's COPY text format, in the column order of TraceRepository. */
final class CopyText {
    private CopyText() {
    }

    /** Rows numbered from {@code firstId}; each carries its dedupe key, event id and month. */
    static String rows(long firstId, List<CanonicalTrace> traces) {
        StringBuilder out = new StringBuilder(traces.size() * 400);
        long id = firstId;
        for (CanonicalTrace t : traces) {
            String key = DedupeKey.of(t);
            out.append(id++).append('\t').append(TracePartitions.monthOf(t.startedAt())).append('\t').append(DedupeKey.eventId(key));
            text(out, key);
            text(out, t.requestId());
            text(out, t.traceId());
            text(out, t.spanId());
            text(out, t.workUnitId());
            text(out, t.parentRequestId());
            text(out, t.attemptKind());
            text(out, t.workload());
            text(out, t.team());
            text(out, t.account());
            text(out, t.provider());
            text(out, t.model());
            text(out, t.serviceTier());
            text(out, t.region());
            text(out, t.apiKeyId());
            text(out, t.projectId());
            text(out, t.promptVersion());
            text(out, t.modelVersion());
            out.append('\t').append(t.startedAt());
            number(out, t.inputTokens());
            out.append('\t').append(t.cacheReadOrZero());
            out.append('\t').append(t.cacheCreationOrZero());
            out.append('\t').append(t.outputOrZero());
            number(out, t.reasoningTokens());
            number(out, t.ttftMs());
            number(out, t.e2eMs());
            text(out, t.status());
            text(out, t.errorType());
            text(out, t.finishReason());
            text(out, t.attributes() == null ? null : EventJson.write(t.attributes()));
            out.append('\n');
        }
        return out.toString();
    }

    private static void number(StringBuilder out, Long value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
        } else {
            out.append(value.longValue());
        }
    }

    private static void text(StringBuilder out, String value) {
        out.append('\t');
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> throw new IllegalArgumentException("PostgreSQL text cannot hold NUL (TraceValidator refuses it)");
                default -> out.append(c);
            }
        }
    }
}
