package io.lcpr.ingest.outcome;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lcpr.delivery.TopicSender;
import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends stored outcomes to llm.outcomes.v1, keyed by work unit (else request) like the traces they are about. */
@ApplicationScoped
public class OutcomeEvents {
    private final TopicSender sender;
    private final Counter published;

    public OutcomeEvents(TopicSender sender, MeterRegistry registry) {
        this.sender = sender;
        this.published = registry.counter("ingest.outcomes.published");
    }

    /** Completes when the broker has acknowledged every one of the outcomes' events. */
    public CompletableFuture<Void> send(List<StoredOutcome> outcomes) {
        List<TopicSender.Keyed> events = new ArrayList<>(outcomes.size());
        for (StoredOutcome o : outcomes) {
            events.add(new TopicSender.Keyed(o.key(), EventJson.write(o.event()).getBytes(StandardCharsets.UTF_8)));
        }
        return sender.sendAll(Topics.OUTCOMES, events).thenRun(() -> published.increment(events.size()));
    }
}
