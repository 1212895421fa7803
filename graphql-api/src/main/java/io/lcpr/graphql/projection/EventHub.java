package io.lcpr.graphql.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.lcpr.events.EventEnvelope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Events for subscriptions, as this replica reads them (AnnounceConsumer), each once: a record read again after a
 * rebalance or a restart is not announced twice (the last ids are remembered). A subscriber sees what arrives while
 * it is subscribed; what came before is in the queries, which may lag a moment behind an announced event.
 */
@ApplicationScoped
public class EventHub {
    private static final int REMEMBERED = 10_000;
    private final BroadcastProcessor<Object> events = BroadcastProcessor.create();
    private final Map<UUID, Boolean> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized void announce(Object event) {
        if (event instanceof EventEnvelope e && seen.put(e.eventId(), Boolean.TRUE) != null) {
            return;
        }
        events.onNext(event);
    }

    public <T> Multi<T> of(Class<T> type) {
        return events.filter(type::isInstance).map(type::cast);
    }
}
