package io.lcpr.chargeback.close;

import java.util.Map;

import io.lcpr.events.TeamAllocationV1;

/** Binary-mode CloudEvents 1.0 over Kafka: attributes as ce_* headers, the event itself as the JSON value. */
final class CloudEvents {
    private CloudEvents() {
    }

    static Map<String, String> binaryHeaders(TeamAllocationV1 event) {
        return Map.of(
                "ce_specversion", "1.0",
                "ce_id", event.eventId().toString(),
                "ce_source", "/" + event.producer(),
                "ce_type", TeamAllocationV1.CLOUDEVENT_TYPE,
                "ce_time", event.occurredAt().toString(),
                "ce_subject", event.team(),
                "ce_dataschema", TeamAllocationV1.DATASCHEMA,
                "content-type", "application/json");
    }
}
