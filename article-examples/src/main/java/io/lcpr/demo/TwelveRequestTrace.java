package io.lcpr.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.Outcome;

/**
 * The 12-request trace of 000_309f7c824f9a3e7a.txt ("What Twelve Requests Actually Look Like"): 8 tickets, 12 calls
 * (2 retries, 1 eval grader, 1 repair), 8 accepted. Rows are the article's table, unchanged.
 */
public final class TwelveRequestTrace {
    public static final String WORKLOAD = "support";
    public static final String TEAM = "support-platform";
    public static final String PROVIDER = "openai";
    public static final String MODEL = "route-b-model";
    public static final String PROJECT = "proj-support";
    public static final Instant START = Instant.parse("2026-04-15T09:00:00Z");
    /** Route B of 002: $1.80 / $8.00 per million input / output tokens, cache reads at half the input price. */
    public static final BigDecimal INPUT_PER_MILLION = new BigDecimal("1.80");
    public static final BigDecimal CACHE_READ_PER_MILLION = new BigDecimal("0.90");
    public static final BigDecimal OUTPUT_PER_MILLION = new BigDecimal("8.00");

    /** One row of the article's table. {@code of} is the row a retry, repair or grading refers to (0 if none). */
    public record Row(int n, String type, int of, long input, long cached, long output, long ttftMs, long e2eMs,
            String eval) {
    }

    public static final List<Row> ROWS = List.of(
            new Row(1, "first_attempt", 0, 2400, 1800, 220, 380, 2100, "pass"),
            new Row(2, "first_attempt", 0, 3100, 0, 340, 920, 3800, "pass"),
            new Row(3, "first_attempt", 0, 2600, 2100, 280, 350, 2400, "fail"),
            new Row(4, "first_attempt", 0, 2800, 0, 510, 1100, 5200, "latency"),
            new Row(5, "first_attempt", 0, 2200, 1600, 190, 410, 1900, "pass"),
            new Row(6, "first_attempt", 0, 4500, 0, 380, 1400, 4800, "pass"),
            new Row(7, "first_attempt", 0, 2500, 2000, 250, 360, 2200, "pass"),
            new Row(8, "first_attempt", 0, 3200, 0, 620, 980, 6100, "latency"),
            new Row(9, "retry", 4, 2800, 0, 290, 850, 3400, "pass"),
            new Row(10, "retry", 8, 3200, 0, 310, 720, 3100, "pass"),
            new Row(11, "eval_grader", 3, 1200, 0, 80, 200, 800, "grader"),
            new Row(12, "repair", 3, 3800, 0, 350, 650, 3200, "pass"));

    private TwelveRequestTrace() {
    }

    public static String requestId(int n) {
        return "req-%02d".formatted(n);
    }

    /** Tickets 1-8 are the first attempts; later calls belong to the ticket of the row they refer to. */
    static int ticket(Row row) {
        return row.of() == 0 ? row.n() : ticket(ROWS.get(row.of() - 1));
    }

    public static List<CanonicalTrace> traces() {
        List<CanonicalTrace> traces = new ArrayList<>();
        for (Row r : ROWS) {
            traces.add(new CanonicalTrace(requestId(r.n()), "trace-ticket-" + ticket(r), null, "ticket-" + ticket(r),
                    r.of() == 0 ? null : requestId(r.of()), r.type(), WORKLOAD, TEAM, "acme", PROVIDER, MODEL,
                    "standard", null, null, PROJECT, "support-v12", null, START.plusSeconds(60L * r.n()), r.input(),
                    r.cached(), 0L, r.output(), null, r.ttftMs(), r.e2eMs(), "ok", null, "stop", null));
        }
        return traces;
    }

    /**
     * The article's Eval column as outcomes: a quality verdict per call, except #4 and #8, which failed their latency
     * SLO ("we'll never know" about their quality) and so carry an SLO verdict instead. The table's own latencies
     * are not one uniform SLO (#2 passes at 920 ms TTFT, #6 at 1,400 ms), so the verdicts, not a threshold, decide.
     */
    public static List<Outcome> outcomes() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Row r : ROWS) {
            if (r.eval().equals("pass") || r.eval().equals("fail")) {
                outcomes.add(new Outcome("eval-" + requestId(r.n()), Outcome.EVAL, requestId(r.n()),
                        "ticket-" + ticket(r), WORKLOAD, r.eval().equals("pass"), null,
                        r.n() == 3 ? requestId(11) : null, null, null, null, START.plusSeconds(60L * r.n() + 30)));
            } else if (r.eval().equals("latency")) {
                outcomes.add(new Outcome("slo-" + requestId(r.n()), Outcome.SLO, requestId(r.n()),
                        "ticket-" + ticket(r), WORKLOAD, false, null, null, null, null,
                        r.n() == 4 ? "TTFT exceeded 800ms SLO" : "E2E violated SLO", START.plusSeconds(60L * r.n() + 30)));
            }
        }
        return outcomes;
    }

    /** The trace-derived cost of one row, computed by hand from the table, in dollars. */
    public static BigDecimal handCost(Row r) {
        BigDecimal uncached = BigDecimal.valueOf(r.input() - r.cached());
        return uncached.multiply(INPUT_PER_MILLION)
                .add(BigDecimal.valueOf(r.cached()).multiply(CACHE_READ_PER_MILLION))
                .add(BigDecimal.valueOf(r.output()).multiply(OUTPUT_PER_MILLION))
                .divide(BigDecimal.valueOf(1_000_000));
    }
}
