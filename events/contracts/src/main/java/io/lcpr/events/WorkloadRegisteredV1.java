package io.lcpr.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code workloads.v1} (compacted, key: the workload): the registry's statement of one workload, published by
 * reconcile-service each time it is defined. Its class (004's taxonomy: {@code human_waiting_sync},
 * {@code human_waiting_streaming}, {@code conversational}, {@code machine_waiting_sync}, {@code batch_offline},
 * {@code agentic_multi_turn}, {@code realtime_voice}, {@code eval_run}), the name of its unit of work (ticket,
 * session, task, document), its owner team, its SLOs and acceptance rule, and for an eval run the workloads it
 * serves (its cost is allocated to them in the second view).
 */
@RegisterForReflection
public record WorkloadRegisteredV1(UUID eventId, Instant occurredAt, int schemaVersion, String producer,
        String workload, String workloadClass, String unitName, String ownerTeam, Long ttftSloMs, Long e2eSloMs,
        long sloToleranceMs, boolean evalRequired, boolean humanSignoffAccepted, List<String> serves)
        implements EventEnvelope {
    public static final int SCHEMA_VERSION = 1;
}
