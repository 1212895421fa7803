package io.lcpr.ingest.trace.store;

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

    /** {@code UUID.nameUUIDFromBytes} of the key's UTF-8 bytes, with a digest kept per thread (a lookup per call costs more than the hash). */
    public static UUID eventId(String dedupeKey) {
        byte[] md5 = MD5.get().digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30); // version 3, name-based with MD5
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    static String sha256(String value) {
        return HexFormat.of().formatHex(SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
