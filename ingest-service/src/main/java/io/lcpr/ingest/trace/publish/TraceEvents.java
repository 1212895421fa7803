package io.lcpr.ingest.trace.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lcpr.delivery.TopicSender;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.IngestConfig;

/**
 * Sends stored traces to llm.traces.v1. The event id derives from the dedupe key, so a trace sent twice (live and
 * again by recovery) is one event to its consumers. The record key is the work unit (else the dedupe key): a unit's
 * calls share a partition with its outcomes (llm.outcomes.v1 is keyed the same way), so the consumer replica that
 * folds a unit's calls also receives its verdicts.
 */
@ApplicationScoped
public class TraceEvents {
    private final TopicSender sender;
    private final Counter published;

    public TraceEvents(TopicSender sender, MeterRegistry registry) {
        this.sender = sender;
        this.published = registry.counter("ingest.traces.published");
    }

    /** Completes when the broker has acknowledged every one of the traces' events. */
    public CompletableFuture<Void> send(List<StoredTrace> traces) {
        List<TopicSender.Keyed> events = new ArrayList<>(traces.size());
        TraceEventJson json = new TraceEventJson();
        for (StoredTrace t : traces) {
            TraceRecordedV1 event = new TraceRecordedV1(t.eventId(), t.receivedAt(), TraceRecordedV1.SCHEMA_VERSION,
                    IngestConfig.PRODUCER, t.dedupeKey(), t.trace());
            events.add(new TopicSender.Keyed(key(t), json.utf8(event)));
        }
        return sender.sendAll(Topics.TRACES, events).thenRun(() -> published.increment(events.size()));
    }

    /** The partition key of a trace's event: its work unit, else its dedupe key. */
    public static String key(StoredTrace t) {
        return t.trace().workUnitId() != null ? t.trace().workUnitId() : t.dedupeKey();
    }
}
