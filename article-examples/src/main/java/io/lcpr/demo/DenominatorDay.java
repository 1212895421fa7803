package io.lcpr.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Outcome;

/**
 * The daily support workload of 002_18eaf1796f876d90.txt ("The Denominator Problem"), as traces and outcomes:
 * 1,000 tickets; 750 pass first time, 70 recovered by a retry, 50 escalated to a human at $2 a case, 130
 * unrecovered. Token counts are chosen so that, on Route B prices, inference is $14.20 and the grader calls (on
 * their own eval account) $0.80; the support account's invoice says $14.85, a $0.65 delta; ops is $25.
 * Loaded: $140.65; LCPR $140.65 / 820 = $0.172; naive $14.20 / 1,000 = $0.014.
 */
public final class DenominatorDay {
    public static final String WORKLOAD = "support-daily";
    public static final String TEAM = "support-platform";
    public static final String PROVIDER = "openai";
    public static final String MODEL = "route-b-model";
    public static final String SUPPORT_PROJECT = "proj-support-daily";
    public static final String EVAL_PROJECT = "proj-evals";
    public static final String DAY = "2026-04-16";
    public static final Instant START = Instant.parse("2026-04-16T08:00:00Z");
    public static final BigDecimal SUPPORT_INVOICE = new BigDecimal("14.85");
    public static final BigDecimal EVAL_INVOICE = new BigDecimal("0.80");
    public static final BigDecimal HUMAN_COST_PER_CASE = new BigDecimal("2.00");
    public static final BigDecimal OPS_COST = new BigDecimal("25.00");

    static final int TICKETS = 1000;
    static final int FIRST_PASS = 750;
    static final int RECOVERED = 70;
    static final int ESCALATED = 50;
    static final int GRADER_CALLS = 100;

    private DenominatorDay() {
    }

    /** 1,000 first attempts at $0.0114 ($11.40), 70 retries at $0.04 ($2.80), 100 grader calls at $0.008 ($0.80). */
    public static List<CanonicalTrace> traces() {
        List<CanonicalTrace> traces = new ArrayList<>();
        for (int t = 0; t < TICKETS; t++) {
            traces.add(call("d-" + t, t, "first_attempt", null, SUPPORT_PROJECT, 5000, 300, t * 10L));
            if (t >= FIRST_PASS && t < FIRST_PASS + RECOVERED) {
                traces.add(call("d-" + t + "-retry", t, "retry", "d-" + t, SUPPORT_PROJECT, 10000, 2750, t * 10L + 5));
            }
        }
        for (int g = 0; g < GRADER_CALLS; g++) {
            int graded = FIRST_PASS + g;
            traces.add(call("d-grader-" + g, graded, "eval_grader", "d-" + graded, EVAL_PROJECT, 2000, 550,
                    graded * 10L + 3));
        }
        return traces;
    }

    public static List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int t = 0; t < TICKETS; t++) {
            boolean firstPasses = t < FIRST_PASS;
            outcomes.add(eval("d-" + t, t, firstPasses));
            if (t >= FIRST_PASS && t < FIRST_PASS + RECOVERED) {
                outcomes.add(eval("d-" + t + "-retry", t, true));
            }
            if (t >= FIRST_PASS + RECOVERED && t < FIRST_PASS + RECOVERED + ESCALATED) {
                outcomes.add(new Outcome("esc-" + t, Outcome.ESCALATION, null, ticket(t), WORKLOAD, null, null, null,
                        HUMAN_COST_PER_CASE, null, "handed to a human agent", START.plusSeconds(t * 10L + 8)));
            }
        }
        return outcomes;
    }

    static String ticket(int t) {
        return "day-ticket-" + t;
    }

    private static Outcome eval(String requestId, int t, boolean passed) {
        return new Outcome("eval-" + requestId, Outcome.EVAL, requestId, ticket(t), WORKLOAD, passed, null, null, null,
                null, null, START.plusSeconds(t * 10L + 7));
    }

    private static CanonicalTrace call(String requestId, int t, String kind, String parent, String project, long input,
            long output, long offsetSeconds) {
        return new CanonicalTrace(requestId, null, null, ticket(t), parent, kind, WORKLOAD, TEAM, null, PROVIDER, MODEL,
                "standard", null, null, project, null, null, START.plusSeconds(offsetSeconds), input, 0L, 0L, output,
                null, 400L, 2500L, "ok", null, "stop", null);
    }
}
