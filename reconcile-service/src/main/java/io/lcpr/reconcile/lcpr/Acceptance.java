package io.lcpr.reconcile.lcpr;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Judges a work unit (DESIGN.md section 4, "A"): accepted when its final attempt passed the quality gate, met the
 * latency SLO and needed no human. An explicit acceptance verdict on the unit is the final word. A quality or SLO
 * verdict counts for the final attempt when it names that attempt's request, or names only the work unit.
 */
public final class Acceptance {
    /** The order that makes an attempt final: latest start, then request id. */
    public static final Comparator<Call> FINAL = Comparator.comparing(Call::startedAt)
            .thenComparing(c -> c.requestId() == null ? "" : c.requestId());

    /** The latest verdict wins; of two observed at the same instant, the failing one (whatever their order). */
    private static final Comparator<Verdict> LATEST = Comparator
            .comparing((Verdict v) -> v.observedAt() == null ? java.time.Instant.EPOCH : v.observedAt())
            .thenComparing(v -> !v.passed());

    private Acceptance() {
    }

    public static Call finalAttempt(List<Call> attempts) {
        return attempts.stream().max(FINAL).orElseThrow();
    }

    /**
     * @param last the unit's final attempt (not a grader); @param attempts how many calls other than graders it made;
     * @param verdicts every verdict about the unit or its calls
     */
    public static UnitResult judge(Call last, long attempts, List<Verdict> verdicts, AcceptancePolicy policy) {
        boolean escalated = verdicts.stream().anyMatch(v -> "escalation".equals(v.kind()));
        Optional<Boolean> finalWord = latest(verdicts, "acceptance", v -> true);
        boolean accepted;
        if (finalWord.isPresent()) {
            accepted = finalWord.get() && (!escalated || policy.humanSignoffAccepted());
        } else if (escalated) {
            accepted = false;
        } else {
            Predicate<Verdict> aboutFinal = v -> v.requestId() == null || v.requestId().equals(last.requestId());
            Optional<Boolean> quality = latest(verdicts, "eval", aboutFinal);
            Optional<Boolean> latency = latest(verdicts, "slo", aboutFinal);
            boolean qualityOk = quality.orElse(!policy.evalRequired());
            boolean latencyOk = latency.orElseGet(() -> policy.meetsLatency(last));
            accepted = qualityOk && latencyOk;
        }
        if (accepted) {
            return attempts == 1 ? UnitResult.FIRST_ATTEMPT_PASS : UnitResult.RECOVERED;
        }
        return escalated ? UnitResult.ESCALATED : UnitResult.UNRECOVERED;
    }

    /** The reference form: judges a unit from all its attempts. */
    public static UnitResult judge(List<Call> attempts, List<Verdict> verdicts, AcceptancePolicy policy) {
        return judge(finalAttempt(attempts), attempts.size(), verdicts, policy);
    }

    /** The latest verdict of a kind among those that apply (a quality or SLO verdict: about the final attempt). */
    private static Optional<Boolean> latest(List<Verdict> verdicts, String kind, Predicate<Verdict> applies) {
        return verdicts.stream()
                .filter(v -> kind.equals(v.kind()) && v.passed() != null && applies.test(v))
                .max(LATEST)
                .map(Verdict::passed);
    }
}
