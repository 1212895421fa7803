package io.lcpr.reconcile.workload;

import java.util.List;

/**
 * The workload classes of 004's taxonomy (a class changes routing, SLO, quality gate, billing surface, caching or
 * owner), plus conversational (the session is the unit) and eval runs (no denominator: their cost is infrastructure,
 * allocated to the workloads they serve).
 */
public final class WorkloadClasses {
    public static final String CONVERSATIONAL = "conversational";
    public static final String AGENTIC = "agentic_multi_turn";
    public static final String EVAL_RUN = "eval_run";
    public static final List<String> ALL = List.of("human_waiting_sync", "human_waiting_streaming", CONVERSATIONAL,
            "machine_waiting_sync", "batch_offline", AGENTIC, "realtime_voice", EVAL_RUN);

    private WorkloadClasses() {
    }
}
