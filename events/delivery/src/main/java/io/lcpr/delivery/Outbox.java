package io.lcpr.delivery;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.Session;

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

    /** An event and its record key, for {@link #addAll}. */
    public record Keyed(String key, EventEnvelope event) {
    }

    /**
     * Events of one topic in one statement, in their order (each row's created_at a microsecond after the one before,
     * the order the relay sends in): a request's outcomes cost one insert, where a row each through the persistence
     * context cost an insert and a flush each (bench-reconcile's ingest phase).
     */
    @Transactional(TxType.MANDATORY)
    public void addAll(String topic, List<Keyed> events) {
        if (events.isEmpty()) {
            return;
        }
        UUID[] ids = new UUID[events.size()];
        String[] keys = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).event().eventId();
            keys[i] = events.get(i).key();
            payloads[i] = EventJson.write(events.get(i).event());
        }
        Instant now = Instant.now();
        OutboxMessage.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into outbox_message (id, topic, message_key, payload, created_at)
                    select id, ?, message_key, payload, ? + (n - 1) * interval '1 microsecond'
                    from unnest(?::uuid[], ?::text[], ?::text[]) with ordinality as t(id, message_key, payload, n)
                    """)) {
                ps.setString(1, topic);
                ps.setObject(2, now.atOffset(ZoneOffset.UTC));
                ps.setArray(3, connection.createArrayOf("uuid", ids));
                ps.setArray(4, connection.createArrayOf("text", keys));
                ps.setArray(5, connection.createArrayOf("text", payloads));
                ps.executeUpdate();
            }
        });
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
