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
        OutboxMessage message = new OutboxMessage();
        message.id = event.eventId();
        message.topic = topic;
        message.messageKey = key;
        message.payload = EventJson.write(event);
        message.headers = headers.isEmpty() ? null : EventJson.write(headers);
        message.createdAt = Instant.now();
        message.persist();
    }
}
