package io.lcpr.events;

import java.util.List;

/**
 * Topic names are contracts (DESIGN.md section 2): a change is a new version, never an edit.
 * Dead-letter topics are named per consuming service so a poisoned record is traced to who refused it.
 */
public final class Topics {
    public static final String TRACES_RAW = "llm.traces.raw";
    public static final String TRACES = "llm.traces.v1";
    public static final String TRACES_DLQ = "llm.traces.dlq";
    public static final String OUTCOMES = "llm.outcomes.v1";
    public static final String PRICING_SNAPSHOTS = "pricing.snapshots.v1";
    public static final String PRICING_ALIASES = "pricing.aliases.v1";
    public static final String PRICING_CONTRACTS = "pricing.contracts.v1";
    public static final String PRICING_REVENUE_TERMS = "pricing.revenue-terms.v1";
    public static final String RECONCILIATION_COMPLETED = "reconciliation.completed.v1";
    public static final String LCPR_COMPUTED = "lcpr.computed.v1";
    public static final String INCIDENTS = "incidents.v1";
    public static final String ALERTS = "alerts.v1";
    public static final String ALLOCATIONS_MONTHLY = "chargeback.allocations.monthly.v1";
    public static final String RECONCILE_DLQ = "reconcile-service.dlq";
    public static final String CHARGEBACK_DLQ = "chargeback-service.dlq";
    public static final String GRAPHQL_DLQ = "graphql-api.dlq";

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(TRACES_RAW, 6, false),
            new TopicSpec(TRACES, 6, false),
            new TopicSpec(TRACES_DLQ, 1, false),
            new TopicSpec(OUTCOMES, 3, false),
            new TopicSpec(PRICING_SNAPSHOTS, 1, true),
            new TopicSpec(PRICING_ALIASES, 1, true),
            new TopicSpec(PRICING_CONTRACTS, 1, true),
            new TopicSpec(PRICING_REVENUE_TERMS, 1, true),
            new TopicSpec(RECONCILIATION_COMPLETED, 1, false),
            new TopicSpec(LCPR_COMPUTED, 3, false),
            new TopicSpec(INCIDENTS, 1, false),
            new TopicSpec(ALERTS, 1, false),
            new TopicSpec(ALLOCATIONS_MONTHLY, 3, false),
            new TopicSpec(RECONCILE_DLQ, 1, false),
            new TopicSpec(CHARGEBACK_DLQ, 1, false),
            new TopicSpec(GRAPHQL_DLQ, 1, false));

    private Topics() {
    }
}
