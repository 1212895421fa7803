package io.lcpr.ingest.trace.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.lcpr.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import io.lcpr.ingest.trace.store.TraceRepository;

/**
 * The live path to llm.traces.v1: a committed chunk's traces are published from memory, without reading them back,
 * and the chunk is marked published once the broker has acknowledged every event (marks are batched, up to 64 chunks
 * or 100 ms). The queue is bounded: when publishing falls behind, the committing request waits for room
 * (back-pressure) up to {@code ingest.publish.queue-wait.ms}, then leaves the chunk to TraceRecovery. Anything not
 * acknowledged stays unpublished in trace_chunk, which TraceRecovery picks up: at least once, whatever fails.
 */
@ApplicationScoped
public class TracePublisher {
    private static final Logger LOG = Logger.getLogger(TracePublisher.class);
    private static final int MARK_BATCH = 64;
    // Marks wait this long for company: a transaction per acknowledged chunk was a tenth of the publisher's time, and
    // recovery only looks at chunks seconds old.
    private static final long MARK_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TraceEvents events;
    private final TraceRepository repository;
    private final IngestConfig config;
    private final BlockingQueue<CommittedChunk> committed;
    private final BlockingQueue<Long> acknowledged = new LinkedBlockingQueue<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile Thread worker;

    public TracePublisher(TraceEvents events, TraceRepository repository, IngestConfig config) {
        this.events = events;
        this.repository = repository;
        this.config = config;
        this.committed = new ArrayBlockingQueue<>(config.publish().queueChunks());
    }

    void onStart(@Observes StartupEvent event) {
        worker = Thread.ofPlatform().name("trace-publisher").daemon().start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        Thread w = worker;
        if (w != null) {
            w.interrupt();
            w.join(5_000);
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommittedChunk chunk) {
        try {
            if (!committed.offer(chunk, config.publish().queueWaitMs(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("publish queue full for %d ms; chunk %d (%d traces) is left to TraceRecovery",
                        config.publish().queueWaitMs(), chunk.id(), chunk.traces().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Long> done = new ArrayList<>();
        long firstDoneAt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                // Block only when nothing is left to mark: no chunk awaiting its acknowledgement (read first; a
                // callback queues its chunk before it counts down), none acknowledged and not yet marked.
                boolean idle = unacknowledged.get() == 0 && acknowledged.isEmpty() && done.isEmpty();
                CommittedChunk chunk = idle ? committed.take() : committed.poll(2, TimeUnit.MILLISECONDS);
                if (chunk != null) {
                    send(chunk);
                }
                if (done.isEmpty()) {
                    firstDoneAt = System.nanoTime();
                }
                acknowledged.drainTo(done);
                if (!done.isEmpty()
                        && (done.size() >= MARK_BATCH || System.nanoTime() - firstDoneAt >= MARK_DELAY_NANOS)) {
                    mark(done);
                    done.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warnf(e, "live trace publishing failed; TraceRecovery will publish what is left");
            }
        }
    }

    private void send(CommittedChunk chunk) {
        unacknowledged.incrementAndGet();
        CompletableFuture<Void> acked;
        try {
            acked = events.send(chunk.traces());
        } catch (RuntimeException e) { // refused before any acknowledgement could come: nothing to wait for
            unacknowledged.decrementAndGet();
            LOG.warnf("chunk %d could not be sent (%s); TraceRecovery will publish it", chunk.id(), e.getMessage());
            return;
        }
        acked.whenComplete((ok, failure) -> {
            if (failure == null) {
                acknowledged.add(chunk.id());
            } else {
                LOG.warnf("chunk %d was not acknowledged (%s); TraceRecovery will publish it", chunk.id(),
                        failure.getMessage());
            }
            unacknowledged.decrementAndGet();
        });
    }

    private void mark(List<Long> chunks) {
        try {
            QuarkusTransaction.requiringNew().run(() -> repository.markPublished(chunks));
        } catch (RuntimeException e) {
            LOG.warnf("could not mark chunks %s published (%s); TraceRecovery will publish them again", chunks,
                    e.getMessage());
        }
    }
}
