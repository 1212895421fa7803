package io.lcpr.ingest.trace;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

import io.lcpr.events.CanonicalTrace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Stores validated traces. Each chunk's new traces and the chunk's outbox row (trace_chunk) are written in one
 * transaction; TracePublisher turns committed chunks into llm.traces.v1 events, so a crash between storing and
 * publishing loses nothing.
 */
@ApplicationScoped
public class TraceService {
    public static final String PRODUCER = "ingest-service";

    private final TraceRepository repository;
    private final TracePartitions partitions;

    public TraceService(TraceRepository repository, TracePartitions partitions) {
        this.repository = repository;
        this.partitions = partitions;
    }

    /** Returns how many of the traces were new; the others had been stored before. */
    @Transactional
    public int store(List<CanonicalTrace> traces) {
        int added = 0;
        for (int from = 0; from < traces.size(); from += TraceRepository.CHUNK_CAPACITY) {
            List<CanonicalTrace> chunk = traces.subList(from, Math.min(traces.size(), from + TraceRepository.CHUNK_CAPACITY));
            Set<LocalDate> months = new HashSet<>();
            chunk.forEach(t -> months.add(TracePartitions.monthOf(t.startedAt())));
            partitions.ensure(months);
            long chunkId = repository.nextChunk();
            int stored = repository.insertChunk(chunkId, chunk);
            if (stored > 0) {
                repository.recordChunk(chunkId, months, stored);
            }
            added += stored;
        }
        return added;
    }
}
