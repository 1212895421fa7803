package io.lcpr.ingest.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;

/**
 * What makes two trace records the same call: the provider's request id, else the span, else the content. The
 * event id derives from it, so a record sent twice produces the same event and consumers skip the second.
 */
public final class DedupeKey {
    private DedupeKey() {
    }

    public static String of(CanonicalTrace trace) {
        if (trace.requestId() != null && !trace.requestId().isBlank()) {
            return "req:" + trace.provider() + ":" + trace.requestId();
        }
        if (trace.spanId() != null && !trace.spanId().isBlank()) {
            return "span:" + trace.traceId() + ":" + trace.spanId();
        }
        return "hash:" + sha256(EventJson.write(trace));
    }

    public static UUID eventId(String dedupeKey) {
        return UUID.nameUUIDFromBytes(dedupeKey.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
