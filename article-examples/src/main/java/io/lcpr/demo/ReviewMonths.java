package io.lcpr.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Outcome;

/**
 * Two months of three workloads shaped like the review pack table of 001 ch 26, each with one thing changed between
 * March and April 2026 and everything else drawn from the same distributions (so month-to-month noise is real):
 * <ul>
 * <li>{@value #SUPPORT}: a prompt change lengthens answers, output tokens drawn 12% longer in April;</li>
 * <li>{@value #RAG}: a prefix reorder lifts the share of input read from cache from about 30% to about 60%;</li>
 * <li>{@value #CODING}: a model version change fails more first attempts, so 3 points more tasks need a repair run
 * (the task's steps again, repaired).</li>
 * </ul>
 * Tasks arrive every few minutes through each month; each has its eval verdicts (a failure with its reason). No
 * human takes over a failed task here: at a few dollars a case, the month-to-month noise of a 2-3% escalation rate
 * would outweigh every change above, which is itself a finding a review pack shows. The price is Route B's ($1.80 input, $0.90 cached, $8.00
 * output per million tokens), unchanged over both months.
 */
public final class ReviewMonths {
    public static final String SUPPORT = "support-chat";
    public static final String RAG = "rag-extraction";
    public static final String CODING = "coding-agent";
    public static final List<String> MONTHS = List.of("2026-03", "2026-04");
    /** The driver each workload's April was built with, as the review pack names it. */
    public static final Map<String, String> BUILT_DRIVER = Map.of(SUPPORT, "output_length", RAG, "cache_hit_rate",
            CODING, "repair_rate");
    public static final Map<String, String> TEAM = Map.of(SUPPORT, "support-platform", RAG, "docs-ai", CODING,
            "dev-productivity");
    public static final String PROJECT = "proj-review-demo";
    public static final Map<String, BigDecimal> OPS_COST = Map.of(SUPPORT, new BigDecimal("40.00"), RAG,
            new BigDecimal("25.00"), CODING, new BigDecimal("60.00"));
    static final int TASKS_PER_MONTH = 2_400;
    static final List<String> FAILURE_REASONS = List.of("wrong_format", "hallucinated_fact", "incomplete_answer",
            "policy_violation");

    private ReviewMonths() {
    }

    /** The traces and outcomes of one workload and month. */
    public record Month(List<CanonicalTrace> traces, List<Outcome> outcomes) {
    }

    /** The demo's month ({@link #MONTHS}): March as it was, April with the change. */
    public static Month of(String workload, String month) {
        return of(workload, month, month.equals(MONTHS.get(1)));
    }

    /** Any month, {@code april} saying whether it has the change. */
    public static Month of(String workload, String month, boolean april) {
        Random random = new Random(workload.hashCode() * 31L + month.hashCode());
        Instant start = YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long spacing = YearMonth.parse(month).lengthOfMonth() * 86_400L / TASKS_PER_MONTH;
        List<CanonicalTrace> traces = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (int t = 0; t < TASKS_PER_MONTH; t++) {
            Instant at = start.plusSeconds(t * spacing + random.nextInt((int) spacing / 2));
            String unit = workload + "-" + month + "-" + t;
            switch (workload) {
                case SUPPORT -> support(unit, at, april, random, traces, outcomes);
                case RAG -> rag(unit, at, april, random, traces, outcomes);
                case CODING -> coding(unit, at, april, random, traces, outcomes);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            }
        }
        return new Month(traces, outcomes);
    }

    /** The month's bill for {@link #PROJECT}: what Route B charges for the three workloads' calls, to the cent. */
    public static BigDecimal invoice(String month) {
        BigDecimal perMillion = BigDecimal.ZERO;
        for (String w : List.of(SUPPORT, RAG, CODING)) {
            for (CanonicalTrace t : of(w, month).traces()) {
                perMillion = perMillion.add(BigDecimal.valueOf(t.inputTokens() - t.cacheReadOrZero())
                        .multiply(TwelveRequestTrace.INPUT_PER_MILLION))
                        .add(BigDecimal.valueOf(t.cacheReadOrZero()).multiply(TwelveRequestTrace.CACHE_READ_PER_MILLION))
                        .add(BigDecimal.valueOf(t.outputOrZero()).multiply(TwelveRequestTrace.OUTPUT_PER_MILLION));
            }
        }
        return perMillion.movePointLeft(6).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static void support(String unit, Instant at, boolean april, Random random, List<CanonicalTrace> traces,
            List<Outcome> outcomes) {
        long input = 1_200 + random.nextInt(600);
        long output = Math.round((350 + random.nextInt(500)) * (april ? 1.12 : 1.0));
        traces.add(call(SUPPORT, unit, unit + "-1", "first_attempt", null, at, input, input / 5, output, random));
        verdicts(SUPPORT, unit, unit + "-1", at, random.nextInt(100) < 92, random, outcomes);
    }

    private static void rag(String unit, Instant at, boolean april, Random random, List<CanonicalTrace> traces,
            List<Outcome> outcomes) {
        long input = 5_000 + random.nextInt(2_000);
        double hit = (april ? 0.55 : 0.25) + random.nextDouble() * 0.1;
        traces.add(call(RAG, unit, unit + "-1", "first_attempt", null, at, input, Math.round(input * hit),
                150 + random.nextInt(200), random));
        verdicts(RAG, unit, unit + "-1", at, random.nextInt(100) < 95, random, outcomes);
    }

    private static void coding(String unit, Instant at, boolean april, Random random, List<CanonicalTrace> traces,
            List<Outcome> outcomes) {
        int steps = 3 + random.nextInt(3);
        for (int s = 0; s < steps; s++) {
            traces.add(call(CODING, unit, unit + "-s" + s, "first_attempt", null, at.plusSeconds(s * 20L),
                    6_000 + random.nextInt(3_000), 3_000, 500 + random.nextInt(400), random));
        }
        boolean needsRepair = random.nextInt(1000) < (april ? 110 : 80);
        String finalRequest = unit + "-s" + (steps - 1);
        if (needsRepair) {
            outcomes.add(eval(CODING, unit, finalRequest, false, at.plusSeconds(steps * 20L), "tests_failed"));
            for (int s = 0; s < steps; s++) {
                traces.add(call(CODING, unit, unit + "-r" + s, "repair", finalRequest, at.plusSeconds(300 + s * 20L),
                        7_000 + random.nextInt(3_000), 3_000, 500 + random.nextInt(400), random));
            }
            finalRequest = unit + "-r" + (steps - 1);
        }
        verdicts(CODING, unit, finalRequest, at.plusSeconds(600), random.nextInt(100) < 94, random, outcomes);
    }

    private static void verdicts(String workload, String unit, String request, Instant at, boolean passed,
            Random random, List<Outcome> outcomes) {
        String reason = passed ? null : FAILURE_REASONS.get(Math.min(random.nextInt(6), FAILURE_REASONS.size() - 1));
        outcomes.add(eval(workload, unit, request, passed, at.plusSeconds(30), reason));
    }

    private static Outcome eval(String workload, String unit, String request, boolean passed, Instant at,
            String reason) {
        return new Outcome("eval-" + request, Outcome.EVAL, request, unit, workload, passed, null, null, null, null,
                reason, at);
    }

    private static CanonicalTrace call(String workload, String unit, String requestId, String kind, String parent,
            Instant at, long input, long cacheRead, long output, Random random) {
        return new CanonicalTrace(requestId, null, null, unit, parent, kind, workload, TEAM.get(workload), null,
                DenominatorDay.PROVIDER, DenominatorDay.MODEL, "standard", null, null, PROJECT, null, null, at, input,
                cacheRead, 0L, output, null, 300L + random.nextInt(400), 1_500L + output * 8, "ok", null, "stop",
                null);
    }
}
