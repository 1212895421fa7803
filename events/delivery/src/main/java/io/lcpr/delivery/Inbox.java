package io.lcpr.delivery;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Consumers call this first in the transaction that applies an event: it records the event as processed and says
 * whether this is its first delivery. A redelivered or replayed event is then skipped, and because the row is
 * written in the same transaction as the effect, an event is never half-applied.
 */
@ApplicationScoped
public class Inbox {
    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return em.createNativeQuery("insert into processed_event (consumer, event_id) values (:consumer, :eventId)"
                + " on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate() == 1;
    }
}
