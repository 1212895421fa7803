package io.lcpr.reconcile.baseline;

import java.time.Instant;

import io.lcpr.events.WorkloadSnapshot;

/** A declared change and the baseline captured before it (compare it with now at /api/baselines/compare). */
public record DeclaredChange(String name, String workload, String kind, String description, Instant effectiveAt,
        String baseline, Instant declaredAt, WorkloadSnapshot before) {
}
