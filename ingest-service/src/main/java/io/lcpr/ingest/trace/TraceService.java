package io.lcpr.ingest.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lcpr.events.CanonicalTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import io.lcpr.ingest.trace.store.TraceRepository;
import io.lcpr.ingest.trace.store.StoredTrace;
import io.lcpr.ingest.trace.store.TracePartitions;
import io.lcpr.ingest.trace.publish.CommittedChunk;

/**
 * Stores validated traces. Each chunk's new traces and the chunk's outbox row (trace_chunk) are written in one
 * transaction. Once it commits, Publishing sends the chunk's traces from memory, and from the
 * table whatever that did not, so a crash between storing and publishing loses nothing.
 */
@ApplicationScoped
public class TraceService {
    private final TraceRepository repository;
    private final TracePartitions partitions;
    private final Event<CommittedChunk> committed;

    public TraceService(TraceRepository repository, TracePartitions partitions, Event<CommittedChunk> committed) {
        this.repository = repository;
        this.partitions = partitions;
        this.committed = committed;
    }

    /** Returns how many of the traces were new; the others had been stored before. */
    /** What ingest holds of a month and has not yet published on llm.traces.v1 (a period close asks). */
    public record Backlog(String period, long chunks, long traces) {
    }

    @Transactional
    public Backlog backlog(java.time.YearMonth month) {
        long[] b = repository.unpublished(month);
        return new Backlog(month.toString(), b[0], b[1]);
    }

    @Transactional
    public int store(List<CanonicalTrace> traces) {
        // The column keeps microseconds; the live event and one read back from the table must carry the same instant.
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int added = 0;
        for (int from = 0; from < traces.size(); from += TraceRepository.CHUNK_CAPACITY) {
            List<CanonicalTrace> chunk = traces.subList(from, Math.min(traces.size(), from + TraceRepository.CHUNK_CAPACITY));
            Set<LocalDate> months = new HashSet<>();
            List<StoredTrace> keyed = new ArrayList<>(chunk.size());
            for (CanonicalTrace t : chunk) {
                months.add(TracePartitions.monthOf(t.startedAt()));
                keyed.add(StoredTrace.of(t, receivedAt));
            }
            partitions.ensure(months);
            long chunkId = repository.nextChunk();
            List<StoredTrace> stored = repository.insertChunk(chunkId, keyed);
            if (!stored.isEmpty()) {
                repository.recordChunk(chunkId, months, stored.size());
                committed.fire(new CommittedChunk(chunkId, stored)); // delivered after the commit, if it commits
            }
            added += stored.size();
        }
        return added;
    }
}
