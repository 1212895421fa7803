package io.lcpr.ingest.trace;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lcpr.delivery.TopicSender;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.ingest.trace.TraceRepository.StoredTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends stored traces to llm.traces.v1, keyed by dedupe key; the event id derives from it, so a trace sent twice
 * (live and again by recovery) is one event to its consumers.
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
        CompletableFuture<?>[] acks = new CompletableFuture<?>[traces.size()];
        for (int i = 0; i < acks.length; i++) {
            StoredTrace t = traces.get(i);
            TraceRecordedV1 event = new TraceRecordedV1(t.eventId(), t.receivedAt(), TraceRecordedV1.SCHEMA_VERSION,
                    TraceService.PRODUCER, t.dedupeKey(), t.trace());
            acks[i] = sender.send(Topics.TRACES, t.dedupeKey(), TraceEventJson.write(event), Map.of());
        }
        return CompletableFuture.allOf(acks).thenRun(() -> published.increment(acks.length));
    }
}
