package io.lcpr.events;

import java.util.List;

/**
 * Who writes and who reads each topic (DESIGN.md's ownership table): a service writes only the topics it owns and
 * its dead letters, and reads only what it consumes, as its consumer group (the service's name). The Strimzi
 * KafkaUsers of deploy/kubernetes are rendered from this; DeployManifestsTest checks it against each service's
 * incoming channels and that every topic has exactly one writer.
 */
public record TopicAccess(String service, List<String> writes, List<String> reads) {

    public static final List<TopicAccess> SERVICES = List.of(
            new TopicAccess("ingest-service", List.of(Topics.TRACES, Topics.OUTCOMES, Topics.INGEST_DLQ),
                    List.of(Topics.TRACES_RAW)),
            new TopicAccess("pricing-service", List.of(Topics.PRICING_SNAPSHOTS, Topics.PRICING_ALIASES,
                    Topics.PRICING_CONTRACTS, Topics.PRICING_REVENUE_TERMS), List.of()),
            new TopicAccess("reconcile-service", List.of(Topics.RECONCILIATION_COMPLETED, Topics.LCPR_COMPUTED,
                    Topics.INCIDENTS, Topics.ALERTS, Topics.WORKLOADS, Topics.BUDGETS, Topics.BASELINES,
                    Topics.RECONCILE_DLQ), List.of(Topics.TRACES, Topics.OUTCOMES, Topics.PRICING_SNAPSHOTS,
                            Topics.PRICING_ALIASES, Topics.PRICING_CONTRACTS, Topics.PRICING_REVENUE_TERMS)),
            new TopicAccess("chargeback-service", List.of(Topics.ALLOCATIONS_MONTHLY, Topics.TEAMS,
                    Topics.CHARGEBACK_DLQ), List.of(Topics.RECONCILIATION_COMPLETED, Topics.LCPR_COMPUTED,
                            Topics.INCIDENTS)),
            new TopicAccess("graphql-api", List.of(Topics.GRAPHQL_DLQ), List.of(Topics.LCPR_COMPUTED,
                    Topics.ALLOCATIONS_MONTHLY, Topics.RECONCILIATION_COMPLETED, Topics.TEAMS, Topics.WORKLOADS,
                    Topics.INCIDENTS, Topics.ALERTS, Topics.BUDGETS, Topics.BASELINES, Topics.PRICING_SNAPSHOTS,
                    Topics.PRICING_ALIASES)));

    /** Gateways outside the suite that publish raw traces to Kafka instead of posting them to ingest-service. */
    public static final TopicAccess TRACE_SENDERS = new TopicAccess("trace-senders", List.of(Topics.TRACES_RAW),
            List.of());

    /** Every Kafka user of a deployment: the services and the trace senders. */
    public static final List<TopicAccess> ALL = java.util.stream.Stream.concat(SERVICES.stream(),
            java.util.stream.Stream.of(TRACE_SENDERS)).toList();
}
