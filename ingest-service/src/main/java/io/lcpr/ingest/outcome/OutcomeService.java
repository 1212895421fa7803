package io.lcpr.ingest.outcome;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.lcpr.events.Outcome;
import io.lcpr.ingest.publish.ChunkTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Stores outcomes once each (by outcome id, else content). Each chunk's new outcomes and the chunk's outbox row
 * (outcome_chunk) are written in one transaction; once it commits Publishing sends them to llm.outcomes.v1 from
 * memory, and from the table whatever that did not.
 */
@ApplicationScoped
public class OutcomeService {
    private final OutcomeRepository repository;
    private final Event<CommittedOutcomes> committed;

    public OutcomeService(OutcomeRepository repository, Event<CommittedOutcomes> committed) {
        this.repository = repository;
        this.committed = committed;
    }

    /** Returns how many of the outcomes were new; the others had been stored before. */
    @Transactional
    public int store(List<Outcome> outcomes) {
        // The column keeps microseconds; the live event and one read back from the table must carry the same instant.
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int added = 0;
        for (int from = 0; from < outcomes.size(); from += ChunkTable.CAPACITY) {
            List<StoredOutcome> chunk = outcomes.subList(from, Math.min(outcomes.size(), from + ChunkTable.CAPACITY))
                    .stream().map(o -> StoredOutcome.of(o, receivedAt)).toList();
            long chunkId = repository.nextChunk();
            List<StoredOutcome> stored = repository.insertChunk(chunkId, chunk);
            if (!stored.isEmpty()) {
                repository.recordChunk(chunkId, stored.size());
                committed.fire(new CommittedOutcomes(chunkId, stored)); // delivered after the commit, if it commits
            }
            added += stored.size();
        }
        return added;
    }
}
