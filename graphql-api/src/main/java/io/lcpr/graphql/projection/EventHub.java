package io.lcpr.graphql.projection;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Newly projected events for subscriptions: announced after their projection committed (so a subscriber that then
 * queries finds them), each once (a replayed record projects nothing and announces nothing). A subscriber sees what
 * arrives while it is subscribed; what came before is in the queries.
 */
@ApplicationScoped
public class EventHub {
    private final BroadcastProcessor<Object> events = BroadcastProcessor.create();

    void announce(Object event) {
        events.onNext(event);
    }

    public <T> Multi<T> of(Class<T> type) {
        return events.filter(type::isInstance).map(type::cast);
    }
}
