package io.lcpr.reconcile.lcpr;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges a work unit (DESIGN.md section 4, "A"): accepted when its final attempt passed the quality gate, met the
 * latency SLO and needed no human. An explicit acceptance verdict on the unit is the final word.
 */
public final class Acceptance {
    private Acceptance() {
    }

    /** @param attempts the unit's calls other than graders; @param verdicts every verdict about the unit or its calls */
    public static UnitResult judge(List<Call> attempts, List<Verdict> verdicts, AcceptancePolicy policy) {
        Call last = attempts.stream().max(Comparator.comparing(Call::startedAt)
                .thenComparing(c -> c.requestId() == null ? "" : c.requestId())).orElseThrow();
        boolean escalated = verdicts.stream().anyMatch(v -> "escalation".equals(v.kind()));
        Optional<Boolean> finalWord = latest(verdicts, "acceptance", null);
        boolean accepted;
        if (finalWord.isPresent()) {
            accepted = finalWord.get() && (!escalated || policy.humanSignoffAccepted());
        } else if (escalated) {
            accepted = false;
        } else {
            Optional<Boolean> quality = latest(verdicts, "eval", last.requestId());
            Optional<Boolean> latency = latest(verdicts, "slo", last.requestId());
            boolean qualityOk = quality.orElse(!policy.evalRequired());
            boolean latencyOk = latency.orElseGet(() -> policy.meetsLatency(last));
            accepted = qualityOk && latencyOk;
        }
        if (accepted) {
            return attempts.size() == 1 ? UnitResult.FIRST_ATTEMPT_PASS : UnitResult.RECOVERED;
        }
        return escalated ? UnitResult.ESCALATED : UnitResult.UNRECOVERED;
    }

    private static Optional<Boolean> latest(List<Verdict> verdicts, String kind, String requestId) {
        return verdicts.stream()
                .filter(v -> kind.equals(v.kind()) && v.passed() != null)
                .filter(v -> requestId == null || requestId.equals(v.requestId()))
                .max(Comparator.comparing(v -> v.observedAt() == null ? java.time.Instant.EPOCH : v.observedAt()))
                .map(Verdict::passed);
    }
}
