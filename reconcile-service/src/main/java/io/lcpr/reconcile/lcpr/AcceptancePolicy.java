package io.lcpr.reconcile.lcpr;

/**
 * A workload's acceptance rule: latency SLOs (with a tolerance band, as 000's retry that squeaked through at
 * 850 ms against 800), whether a passing eval verdict is required, and whether a human-signed-off result counts.
 */
public record AcceptancePolicy(Long ttftSloMs, Long e2eSloMs, long sloToleranceMs, boolean evalRequired,
        boolean humanSignoffAccepted) {

    public static final AcceptancePolicy DEFAULT = new AcceptancePolicy(null, null, 0, true, false);

    boolean meetsLatency(Call call) {
        return within(call.ttftMs(), ttftSloMs) && within(call.e2eMs(), e2eSloMs);
    }

    private boolean within(Long observed, Long slo) {
        return slo == null || observed == null || observed <= slo + sloToleranceMs;
    }
}
