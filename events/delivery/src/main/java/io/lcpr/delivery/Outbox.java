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
        message.headers = headersJson(headers);
        message.createdAt = Instant.now();
        message.persist();
    }

    /**
     * A record with an id of its own making, written once however often its transaction runs again: a poll handled
     * a second time (its offsets were not committed before a crash, a rebalance or a database outage) must not fail on
     * the row its first handling committed.
     */
    @Transactional(TxType.MANDATORY)
    public void addRawOnce(java.util.UUID id, String topic, String key, String payload, Map<String, String> headers) {
        OutboxMessage.getEntityManager().createNativeQuery("insert into outbox_message (id, topic, message_key,"
                + " payload, headers, created_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (id) do nothing")
                .setParameter(1, id).setParameter(2, topic).setParameter(3, key).setParameter(4, payload)
                .setParameter(5, headersJson(headers))
                .setParameter(6, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)).executeUpdate();
    }

    private static String headersJson(Map<String, String> headers) {
        return headers.isEmpty() ? null : EventJson.write(headers);
    }
}
