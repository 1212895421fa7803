package io.lcpr.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** reconcile-service settings (environment: RECONCILE_CONSUMER_LAG_POLL_INTERVAL_MS, ...). */
@ConfigMapping(prefix = "reconcile")
public interface ReconcileConfig {
    /** The consumer group reconcile-service consumes traces and outcomes in; its lag is read for this group. */
    @WithName("consumer-group")
    @WithDefault("reconcile-service")
    String consumerGroup();

    /** How often the consumer lag on llm.traces.v1 and llm.outcomes.v1 is read from the broker. */
    @WithName("consumer-lag.poll-interval.ms")
    @WithDefault("5000")
    long consumerLagPollIntervalMs();

    /** How long POST /api/reconciliations waits for its run before answering 202 with the run's Location. */
    @WithName("run.answer-within.ms")
    @WithDefault("10000")
    long runAnswerWithinMs();

    /** How often an instance marks the runs it executes (or has queued) as alive. */
    @WithName("run.heartbeat.ms")
    @WithDefault("5000")
    long runHeartbeatMs();

    /**
     * A running run without a heartbeat for this long was abandoned (its instance was killed or restarted) and is
     * marked failed, so that the next request for its inputs starts a new run instead of following a dead one.
     */
    @WithName("run.abandoned-after.ms")
    @WithDefault("30000")
    long runAbandonedAfterMs();

    /** How often the days the work-unit tally ledger was appended to are compacted to one row per key. */
    @WithName("units.compact-every.ms")
    @WithDefault("60000")
    long unitsCompactEveryMs();

    /** How often the hours whose operating signals were appended to are compacted to one row per key. */
    @WithName("signals.compact-every.ms")
    @WithDefault("60000")
    long signalsCompactEveryMs();

    /**
     * How long one invoice import may take before its transaction is rolled back (a million-line FOCUS export is one
     * transaction, so that a refused line stores nothing). Read by InvoiceService's @TransactionConfiguration.
     */
    @WithName("invoices.import-timeout.s")
    @WithDefault("1800")
    int invoicesImportTimeoutS();

    /** How often every registered provider account's cost and usage reports are pulled (ProviderPullService). */
    @WithName("pull.every.s")
    @WithDefault("3600")
    long pullEveryS();

    /** During the first days of a month the previous month is pulled too (late usage, corrections). */
    @WithName("pull.previous-month-days")
    @WithDefault("3")
    int pullPreviousMonthDays();

    /** Attempts of one provider API request when it fails transiently (connection, 429, 5xx). */
    @WithName("pull.max-attempts")
    @WithDefault("5")
    int pullMaxAttempts();

    /** The first wait before a retried provider API request; it doubles each attempt (Retry-After wins). */
    @WithName("pull.backoff.ms")
    @WithDefault("1000")
    long pullBackoffMs();
}
