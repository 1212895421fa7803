package io.lcpr.reconcile.lcpr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An agentic workload's tasks (004, "the task is the unit"): the fanout (LLM calls per task, and processed input
 * tokens per initial prompt token: every call's input over the input of the task's first call) and the quartiles of
 * cost per accepted task. Grader calls are eval, not the task's work: left out. Fed call by call, any order.
 */
public final class TaskCosts {
    /** The figures; quartiles are null without an accepted task. */
    public record Figures(long tasks, BigDecimal callsPerTask, BigDecimal tokenFanout, BigDecimal p25, BigDecimal p50,
            BigDecimal p75) {
    }

    private static final class Task {
        long calls;
        long input;
        long firstInput;
        java.time.Instant firstAt;
        BigDecimal cost = BigDecimal.ZERO;
        boolean accepted;
    }

    private final Map<String, Task> tasks = new HashMap<>();

    /** @param cost the call's cost (weighted), zero when it could not be priced */
    public void add(String unitKey, Call c, int weight, BigDecimal cost, boolean accepted) {
        if (c.isGrader()) {
            return;
        }
        Task t = tasks.computeIfAbsent(unitKey, k -> new Task());
        t.calls += weight;
        t.input += (long) weight * c.inputTokens();
        if (t.firstAt == null || c.startedAt().isBefore(t.firstAt)) {
            t.firstAt = c.startedAt();
            t.firstInput = c.inputTokens();
        }
        t.cost = t.cost.add(cost);
        t.accepted = accepted;
    }

    public Figures figures() {
        if (tasks.isEmpty()) {
            return new Figures(0, null, null, null, null, null);
        }
        long calls = 0;
        long input = 0;
        long first = 0;
        List<BigDecimal> accepted = new ArrayList<>();
        for (Task t : tasks.values()) {
            calls += t.calls;
            input += t.input;
            first += t.firstInput;
            if (t.accepted) {
                accepted.add(t.cost);
            }
        }
        accepted.sort(null);
        return new Figures(tasks.size(), ratio(calls, tasks.size()), first == 0 ? null : ratio(input, first),
                rank(accepted, 25), rank(accepted, 50), rank(accepted, 75));
    }

    /** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static BigDecimal rank(List<BigDecimal> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, n - 1));
    }

    private static BigDecimal ratio(long a, long b) {
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 4, java.math.RoundingMode.HALF_UP);
    }
}
