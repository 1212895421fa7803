package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;

/**
 * Trace-derived cost of one slice of a period: the calls of one provider account, workload, team and attempt kind,
 * their (weighted) count, tokens (input and output, weighted) and cost; {@code sampled} when the calls stand for more than themselves (a sampling
 * weight above one), so the cost is an estimate.
 */
public record CostSlice(String provider, String projectId, String workload, String team, String attemptKind,
        boolean sampled, long calls, long tokens, BigDecimal cost) {

    public static CostSlice of(PricedCall pc) {
        Call c = pc.call();
        return new CostSlice(c.provider(), c.projectId(), c.workloadOrUnknown(), c.teamOrUnknown(), c.attemptKind(),
                false, 1, c.inputTokens() + c.outputTokens(), pc.cost());
    }

    public boolean isGrader() {
        return Call.isGrader(attemptKind);
    }

    /** The provider account the calls are billed to: {@code provider/project}, {@code *} when none is known. */
    public String account() {
        return Call.account(provider, projectId);
    }
}
