package io.lcpr.ingest.outcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.Topics;
import io.lcpr.ingest.trace.TraceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Stores outcomes once each (by outcome id, else content) and publishes llm.outcomes.v1 in the same transaction. */
@ApplicationScoped
public class OutcomeService {
    private final Outbox outbox;

    public OutcomeService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public int store(List<Outcome> outcomes) {
        int added = 0;
        Instant now = Instant.now();
        for (Outcome o : outcomes) {
            String key = o.outcomeId() != null && !o.outcomeId().isBlank() ? "id:" + o.outcomeId()
                    : "hash:" + UUID.nameUUIDFromBytes(EventJson.write(o).getBytes(StandardCharsets.UTF_8));
            if (OutcomeEntity.count("dedupeKey", key) > 0) {
                continue;
            }
            OutcomeEntity e = new OutcomeEntity();
            e.dedupeKey = key;
            e.outcomeId = o.outcomeId();
            e.kind = o.kind();
            e.requestId = o.requestId();
            e.workUnitId = o.workUnitId();
            e.workload = o.workload();
            e.passed = o.passed();
            e.score = o.score();
            e.graderRequestId = o.graderRequestId();
            e.humanCost = o.humanCost();
            e.reviewMinutes = o.reviewMinutes();
            e.reason = o.reason();
            e.observedAt = o.observedAt();
            e.receivedAt = now;
            e.persist();
            UUID eventId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
            String messageKey = o.workUnitId() != null ? o.workUnitId() : o.requestId();
            outbox.add(Topics.OUTCOMES, messageKey, new OutcomeRecordedV1(eventId, now,
                    OutcomeRecordedV1.SCHEMA_VERSION, TraceService.PRODUCER, o));
            added++;
        }
        return added;
    }
}
