package io.lcpr.ingest.outcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.lcpr.ingest.IngestConfig;

/** Stores outcomes once each (by outcome id, else content) and publishes llm.outcomes.v1 in the same transaction. */
@ApplicationScoped
public class OutcomeService {
    private final OutcomeRepository repository;
    private final Outbox outbox;

    public OutcomeService(OutcomeRepository repository, Outbox outbox) {
        this.repository = repository;
        this.outbox = outbox;
    }

    /** Returns how many of the outcomes were new; the others had been stored before. */
    @Transactional
    public int store(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<String> keys = outcomes.stream().map(OutcomeService::dedupeKey).toList();
        boolean[] inserted = repository.insertNew(keys, outcomes, now);
        List<Outbox.Keyed> events = new ArrayList<>(inserted.length);
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i]) {
                Outcome o = outcomes.get(i);
                UUID eventId = UUID.nameUUIDFromBytes(keys.get(i).getBytes(StandardCharsets.UTF_8));
                String messageKey = o.workUnitId() != null ? o.workUnitId() : o.requestId();
                events.add(new Outbox.Keyed(messageKey, new OutcomeRecordedV1(eventId, now,
                        OutcomeRecordedV1.SCHEMA_VERSION, IngestConfig.PRODUCER, o)));
            }
        }
        outbox.addAll(Topics.OUTCOMES, events);
        return events.size();
    }

    /** The outcome's id when it has one, else a hash of its content. */
    static String dedupeKey(Outcome o) {
        return o.outcomeId() != null && !o.outcomeId().isBlank() ? "id:" + o.outcomeId()
                : "hash:" + UUID.nameUUIDFromBytes(EventJson.write(o).getBytes(StandardCharsets.UTF_8));
    }
}
