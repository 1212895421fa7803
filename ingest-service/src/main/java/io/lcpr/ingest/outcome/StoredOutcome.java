package io.lcpr.ingest.outcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.lcpr.events.EventJson;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.ingest.IngestConfig;

/**
 * An outcome as stored: its dedupe key and the instant it was received (to the microsecond, as the column keeps it),
 * which make its event the same whether the live path sends it from memory or recovery reads it back.
 */
public record StoredOutcome(String dedupeKey, Instant receivedAt, Outcome outcome) {

    static StoredOutcome of(Outcome outcome, Instant receivedAt) {
        return new StoredOutcome(dedupeKey(outcome), receivedAt, outcome);
    }

    /** The outcome's id when it has one, else a hash of its content. */
    static String dedupeKey(Outcome o) {
        return o.outcomeId() != null && !o.outcomeId().isBlank() ? "id:" + o.outcomeId()
                : "hash:" + UUID.nameUUIDFromBytes(EventJson.write(o).getBytes(StandardCharsets.UTF_8));
    }

    /** Derived from the dedupe key: an outcome sent twice (live and again by recovery) is one event to consumers. */
    public UUID eventId() {
        return UUID.nameUUIDFromBytes(dedupeKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The record key: the work unit, else the request, so a unit's outcomes share a partition with its calls. */
    public String key() {
        return outcome.workUnitId() != null ? outcome.workUnitId() : outcome.requestId();
    }

    public OutcomeRecordedV1 event() {
        return new OutcomeRecordedV1(eventId(), receivedAt, OutcomeRecordedV1.SCHEMA_VERSION, IngestConfig.PRODUCER,
                outcome);
    }
}
