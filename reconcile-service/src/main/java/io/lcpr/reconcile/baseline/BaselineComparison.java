package io.lcpr.reconcile.baseline;

import io.lcpr.events.WorkloadSnapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Two snapshots compared component by component (baseline vs now, route A vs route B): each component's value on
 * both sides, the delta and the relative change; and which cost component drove the LCPR delta (LCPR is the sum of
 * inference and human cost per accepted unit, so its delta is exactly theirs).
 */
public record BaselineComparison(WorkloadSnapshot a, WorkloadSnapshot b, List<Component> components,
        BigDecimal lcprDelta, String drivenBy) {

    /** One component: a's value, b's, b - a, and (b - a) / a in percent (null when a is zero). */
    public record Component(String name, double a, double b, double delta, Double changePct) {
    }

    public static BaselineComparison of(WorkloadSnapshot a, WorkloadSnapshot b) {
        List<Component> out = new ArrayList<>();
        add(out, "lcpr", a, b, s -> s.lcpr() == null ? 0 : s.lcpr().doubleValue());
        add(out, "inference_per_accepted", a, b, s -> s.inferencePerAccepted() == null ? 0
                : s.inferencePerAccepted().doubleValue());
        add(out, "human_per_accepted", a, b, s -> s.humanPerAccepted() == null ? 0 : s.humanPerAccepted().doubleValue());
        add(out, "pass_rate", a, b, WorkloadSnapshot::passRate);
        add(out, "escalation_rate", a, b, WorkloadSnapshot::escalationRate);
        add(out, "cache_hit_rate", a, b, WorkloadSnapshot::cacheHitRate);
        add(out, "error_rate", a, b, WorkloadSnapshot::errorRate);
        add(out, "calls_per_hour", a, b, WorkloadSnapshot::callsPerHour);
        add(out, "ttft_p95_ms", a, b, s -> s.ttftP95Ms());
        add(out, "e2e_p95_ms", a, b, s -> s.e2eP95Ms());
        add(out, "e2e_p99_ms", a, b, s -> s.e2eP99Ms());
        add(out, "output_length_p95", a, b, s -> s.outputLengthP95());
        BigDecimal inference = diff(a.inferencePerAccepted(), b.inferencePerAccepted());
        BigDecimal human = diff(a.humanPerAccepted(), b.humanPerAccepted());
        String driver = inference.abs().compareTo(human.abs()) >= 0 ? "inference_per_accepted" : "human_per_accepted";
        return new BaselineComparison(a, b, out, inference.add(human), driver);
    }

    private static void add(List<Component> out, String name, WorkloadSnapshot a, WorkloadSnapshot b,
            ToDoubleFunction<WorkloadSnapshot> read) {
        double va = read.applyAsDouble(a);
        double vb = read.applyAsDouble(b);
        out.add(new Component(name, va, vb, vb - va, va == 0 ? null
                : BigDecimal.valueOf((vb - va) * 100 / va).setScale(4, RoundingMode.HALF_UP).doubleValue()));
    }

    private static BigDecimal diff(BigDecimal a, BigDecimal b) {
        return (b == null ? BigDecimal.ZERO : b).subtract(a == null ? BigDecimal.ZERO : a);
    }
}
