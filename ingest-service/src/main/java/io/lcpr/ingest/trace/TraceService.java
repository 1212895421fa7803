package io.lcpr.ingest.trace;

import java.time.Instant;
import java.util.List;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Stores validated traces and, in the same transaction, their llm.traces.v1 events. */
@ApplicationScoped
public class TraceService {
    public static final String PRODUCER = "ingest-service";

    private final TraceRepository repository;
    private final Outbox outbox;

    public TraceService(TraceRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** Returns how many of the traces were new; the others had been stored before. */
    @Transactional
    public int store(List<CanonicalTrace> traces) {
        if (traces.isEmpty()) {
            return 0;
        }
        List<String> keys = traces.stream().map(DedupeKey::of).toList();
        boolean[] inserted = repository.insertNew(keys, traces);
        int added = 0;
        Instant now = Instant.now();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                String key = keys.get(i);
                outbox.add(Topics.TRACES, key, new TraceRecordedV1(DedupeKey.eventId(key), now,
                        TraceRecordedV1.SCHEMA_VERSION, PRODUCER, key, traces.get(i)));
                added++;
            }
        }
        return added;
    }
}
