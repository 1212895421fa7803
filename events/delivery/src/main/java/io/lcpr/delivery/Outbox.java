package io.lcpr.delivery;

import java.time.Instant;
import java.util.Map;

import io.lcpr.events.EventEnvelope;
import io.lcpr.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Producers call this inside their business transaction: the event is published only if that transaction commits,
 * and is published at least once after it does (OutboxRelay), even if the process dies in between.
 */
@ApplicationScoped
public class Outbox {

    @Transactional(TxType.MANDATORY)
    public void add(String topic, String key, EventEnvelope event) {
        add(topic, key, event, Map.of());
    }

    @Transactional(TxType.MANDATORY)
    public void add(String topic, String key, EventEnvelope event, Map<String, String> headers) {
        addRaw(event.eventId(), topic, key, EventJson.write(event), headers);
    }

    /** A record that is not one of our events (a refused input on its way to a dead-letter topic), as received. */
    @Transactional(TxType.MANDATORY)
    public void addRaw(java.util.UUID id, String topic, String key, String payload, Map<String, String> headers) {
        OutboxMessage message = new OutboxMessage();
        message.id = id;
        message.topic = topic;
        message.messageKey = key;
        message.payload = payload;
        message.headers = headers.isEmpty() ? null : EventJson.write(headers);
        message.createdAt = Instant.now();
        message.persist();
    }
}
