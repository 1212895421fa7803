package io.lcpr.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's topics. Names are contracts (DESIGN.md section 2): a change is a new version, never an edit.
 * <ul>
 * <li>Event topics: {@code <family>.<what>.v<N>}, each with a golden JSON file ({@link Goldens}) that producer and
 * consumer tests read. {@code llm.traces.raw} is the one without a version: outside gateways produce to it under that
 * name, so it keeps it; its records are canonical traces (DESIGN.md section 3), their golden file is
 * {@code llm.traces.raw.json}.</li>
 * <li>Dead-letter topics: {@code <consuming service>.dlq}, one per service that consumes, so a refused record is
 * traced to who refused it. A dead letter is the refused record's value unchanged, with its origin and the reason
 * in headers ({@link #DEAD_LETTER_HEADERS}).</li>
 * </ul>
 */
public final class Topics {
    public static final String TRACES_RAW = "llm.traces.raw";
    public static final String TRACES = "llm.traces.v1";
    public static final String OUTCOMES = "llm.outcomes.v1";
    public static final String PRICING_SNAPSHOTS = "pricing.snapshots.v1";
    public static final String PRICING_ALIASES = "pricing.aliases.v1";
    public static final String PRICING_CONTRACTS = "pricing.contracts.v1";
    public static final String PRICING_REVENUE_TERMS = "pricing.revenue-terms.v1";
    public static final String RECONCILIATION_COMPLETED = "reconciliation.completed.v1";
    public static final String LCPR_COMPUTED = "lcpr.computed.v1";
    public static final String ALLOCATIONS_MONTHLY = "chargeback.allocations.monthly.v1";
    public static final String WORKLOADS = "workloads.v1";
    public static final String ALERTS = "alerts.v1";
    public static final String INCIDENTS = "incidents.v1";
    public static final String BUDGETS = "budgets.v1";
    public static final String BASELINES = "baselines.v1";
    public static final String TEAMS = "teams.v1";

    public static final String INGEST_DLQ = "ingest-service.dlq";
    public static final String RECONCILE_DLQ = "reconcile-service.dlq";
    public static final String CHARGEBACK_DLQ = "chargeback-service.dlq";
    public static final String GRAPHQL_DLQ = "graphql-api.dlq";

    /** Headers every dead letter carries: where the record was read and why it was refused. */
    public static final List<String> DEAD_LETTER_HEADERS = List.of("dead-letter-reason", "dead-letter-topic",
            "dead-letter-partition", "dead-letter-offset");

    /**
     * Retention: the raw and canonical traces and outcomes a week beyond what ingest-service and reconcile-service
     * store (a replay after an outage of a few days), what was published as a figure (runs, LCPR, statements) for
     * good, alerts and incidents a year and a month (a year-on-year review); registries compacted.
     */
    public static final List<TopicSpec> EVENTS = List.of(
            TopicSpec.stream(TRACES_RAW, 6, 7),
            TopicSpec.stream(TRACES, 6, 7),
            TopicSpec.stream(OUTCOMES, 3, 7),
            TopicSpec.compacted(PRICING_SNAPSHOTS, 1),
            TopicSpec.compacted(PRICING_ALIASES, 1),
            TopicSpec.compacted(PRICING_CONTRACTS, 1),
            TopicSpec.compacted(PRICING_REVENUE_TERMS, 1),
            TopicSpec.stream(RECONCILIATION_COMPLETED, 1, TopicSpec.FOREVER),
            TopicSpec.stream(LCPR_COMPUTED, 3, TopicSpec.FOREVER),
            TopicSpec.stream(ALLOCATIONS_MONTHLY, 3, TopicSpec.FOREVER),
            TopicSpec.compacted(WORKLOADS, 1),
            TopicSpec.stream(ALERTS, 1, 400),
            TopicSpec.stream(INCIDENTS, 1, 400),
            TopicSpec.compacted(BUDGETS, 1),
            TopicSpec.compacted(BASELINES, 1),
            TopicSpec.compacted(TEAMS, 1));

    /** Dead letters wait a month for someone to look at them. */
    public static final List<TopicSpec> DEAD_LETTERS = List.of(
            TopicSpec.stream(INGEST_DLQ, 1, 30),
            TopicSpec.stream(RECONCILE_DLQ, 1, 30),
            TopicSpec.stream(CHARGEBACK_DLQ, 1, 30),
            TopicSpec.stream(GRAPHQL_DLQ, 1, 30));

    public static final List<TopicSpec> ALL = Stream.concat(EVENTS.stream(), DEAD_LETTERS.stream()).toList();

    private Topics() {
    }
}
