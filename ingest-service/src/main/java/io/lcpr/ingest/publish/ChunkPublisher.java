package io.lcpr.ingest.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.lcpr.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The live path from a chunk table (trace_chunk, outcome_chunk) to its topic: a committed chunk's records are
 * published from memory, without reading them back, and the chunk is marked published once the broker has
 * acknowledged every event (marks are batched, up to 64 chunks or 100 ms). The queue is bounded: when publishing
 * falls behind, the committing request waits for room (back-pressure) up to {@code ingest.publish.queue-wait.ms},
 * then leaves the chunk to its table's recovery. Anything not acknowledged stays unpublished in the table, which the
 * recovery picks up: at least once, whatever fails.
 */
public final class ChunkPublisher<T> {
    private static final Logger LOG = Logger.getLogger(ChunkPublisher.class);
    private static final int MARK_BATCH = 64;
    // Marks wait this long for company: a transaction per acknowledged chunk was a tenth of the publisher's time, and
    // recovery only looks at chunks seconds old.
    private static final long MARK_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private record Committed<T>(long id, List<T> records) {
    }

    private final String name;
    private final Function<List<T>, CompletableFuture<Void>> send;
    private final Consumer<List<Long>> markPublished;
    private final IngestConfig config;
    private final BlockingQueue<Committed<T>> committed;
    private final BlockingQueue<Long> acknowledged = new LinkedBlockingQueue<>();
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile Thread worker;

    /**
     * @param name what the chunks hold ("trace", "outcome"): names the thread and the log lines
     * @param send sends a chunk's records; completes once the broker has acknowledged every one
     * @param markPublished marks chunks published, inside the transaction it is called in
     */
    public ChunkPublisher(String name, Function<List<T>, CompletableFuture<Void>> send,
            Consumer<List<Long>> markPublished, IngestConfig config) {
        this.name = name;
        this.send = send;
        this.markPublished = markPublished;
        this.config = config;
        this.committed = new ArrayBlockingQueue<>(config.publish().queueChunks());
    }

    public void start() {
        worker = Thread.ofPlatform().name(name + "-publisher").daemon().start(this::run);
    }

    public void stop() throws InterruptedException {
        Thread w = worker;
        if (w != null) {
            w.interrupt();
            w.join(5_000);
        }
    }

    /** Queues a committed chunk, waiting up to queue-wait.ms for room; beyond that it is left to recovery. */
    public void committed(long chunk, List<T> records) {
        try {
            if (!committed.offer(new Committed<>(chunk, records), config.publish().queueWaitMs(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s publish queue full for %d ms; chunk %d (%d records) is left to recovery", name,
                        config.publish().queueWaitMs(), chunk, records.size());
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
                Committed<T> chunk = idle ? committed.take() : committed.poll(2, TimeUnit.MILLISECONDS);
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
                LOG.warnf(e, "live %s publishing failed; recovery will publish what is left", name);
            }
        }
    }

    private void send(Committed<T> chunk) {
        unacknowledged.incrementAndGet();
        CompletableFuture<Void> acked;
        try {
            acked = send.apply(chunk.records());
        } catch (RuntimeException e) { // refused before any acknowledgement could come: nothing to wait for
            unacknowledged.decrementAndGet();
            LOG.warnf("%s chunk %d could not be sent (%s); recovery will publish it", name, chunk.id(), e.getMessage());
            return;
        }
        acked.whenComplete((ok, failure) -> {
            if (failure == null) {
                acknowledged.add(chunk.id());
            } else {
                LOG.warnf("%s chunk %d was not acknowledged (%s); recovery will publish it", name, chunk.id(),
                        failure.getMessage());
            }
            unacknowledged.decrementAndGet();
        });
    }

    private void mark(List<Long> chunks) {
        try {
            QuarkusTransaction.requiringNew().run(() -> markPublished.accept(chunks));
        } catch (RuntimeException e) {
            LOG.warnf("could not mark %s chunks %s published (%s); recovery will publish them again", name, chunks,
                    e.getMessage());
        }
    }
}
