package io.lcpr.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Ingest limits and batching. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {
    /** The producer named in every event ingest-service publishes. */
    String PRODUCER = "ingest-service";

    /** How far in the future a trace's started_at may be before it is refused as a clock error. */
    @WithName("max-future-skew.ms")
    @WithDefault("300000")
    long maxFutureSkewMs();

    /**
     * Records stored per transaction while a batch streams in. Each chunk costs a transaction, a sequence value, an
     * outbox row and a COPY round trip; 2000 stored faster than 1000 in the ingest benchmark (PostgreSQL's CPU per
     * trace 21.4 -> 18.7 µs) at a few MB more per request in flight.
     */
    @WithName("chunk-size")
    @WithDefault("2000")
    int chunkSize();

    /**
     * The largest request body, counted as it is read (after a gzip body is inflated): beyond it a 413 naming the
     * limit. quarkus.http.limits.max-body-size, the HTTP layer's own stop, must be higher (its 413 for a body read past
     * it is empty; a declared length past it is refused naming the limit, DeclaredBodyLimit).
     */
    @WithName("max-body-size")
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /** How stored traces and outcomes are published to llm.traces.v1 and llm.outcomes.v1. */
    Publish publish();

    /** Where OTLP spans carry the suite's own fields (span attributes first, then resource attributes). */
    Otlp otlp();

    /** Publishing stored traces and outcomes by chunk (ChunkPublisher, ChunkRecovery). */
    interface Publish {
        /** Committed chunks waiting for the live publisher; beyond it, committing requests wait (back-pressure). */
        @WithName("queue-chunks")
        @WithDefault("16")
        int queueChunks();

        /** How long a committing request waits for room in the live queue before leaving its chunk to recovery. */
        @WithName("queue-wait.ms")
        @WithDefault("2000")
        long queueWaitMs();

        /** How old an unpublished chunk must be before recovery publishes it from its table. */
        @WithName("recovery-after.ms")
        @WithDefault("10000")
        long recoveryAfterMs();

        /** How often recovery looks for such chunks (it drains them all each time). */
        @WithName("poll-interval.ms")
        @WithDefault("1000")
        long pollIntervalMs();

        /** Chunks recovery claims, sends and marks published per transaction. */
        @WithName("chunks-per-transaction")
        @WithDefault("8")
        int chunksPerTransaction();

        /**
         * Stored records not yet published (traces and outcomes) beyond which a new batch is answered 503 with
         * Retry-After: while the broker is away ingest keeps accepting into its outboxes, up to this many.
         */
        @WithName("max-unpublished-records")
        @WithDefault("5000000")
        long maxUnpublishedRecords();

        /** How often the unpublished records are counted (the admission check reads the last count). */
        @WithName("backlog-poll.ms")
        @WithDefault("1000")
        long backlogPollMs();

        /** The Retry-After of a 503: when a sender should try again. */
        @WithName("retry-after.s")
        @WithDefault("10")
        int retryAfterS();
    }

    /** Attribute names, each configurable. */
    interface Otlp {
        /** The workload a span belongs to. */
        @WithName("workload-attribute")
        @WithDefault("lcpr.workload")
        String workloadAttribute();

        /** The team that owns the call. */
        @WithName("team-attribute")
        @WithDefault("lcpr.team")
        String teamAttribute();

        /** The work unit (ticket, task, session, document) the call serves. */
        @WithName("work-unit-attribute")
        @WithDefault("lcpr.work_unit.id")
        String workUnitAttribute();

        /** first_attempt, retry, repair, eval_grader or fallback. */
        @WithName("attempt-kind-attribute")
        @WithDefault("lcpr.attempt_kind")
        String attemptKindAttribute();

        /** The provider request id of the call this one retries, repairs or grades. */
        @WithName("parent-request-attribute")
        @WithDefault("lcpr.parent_request_id")
        String parentRequestAttribute();

        /** The customer account. */
        @WithName("account-attribute")
        @WithDefault("lcpr.account")
        String accountAttribute();

        /** The prompt version. */
        @WithName("prompt-version-attribute")
        @WithDefault("lcpr.prompt_version")
        String promptVersionAttribute();
    }
}
