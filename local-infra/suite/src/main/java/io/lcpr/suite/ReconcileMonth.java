package io.lcpr.suite;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import io.lcpr.events.PricingSnapshotV1;

/**
 * A generated month for bench-reconcile, the way a busy organisation's traffic arrives: 20 workloads of 12 teams on
 * 3 provider accounts and 6 models (two providers), work units of one call with 5% retried or repaired and a tenth
 * graded, outcomes for a third of the units, 1% of calls without a team, a few on a model no price lists, and some
 * prompts above a long-context threshold, and one gpt-a call in twenty making 1-3 web searches (a non-token charge,
 * priced per search). Two price changes, one at midnight and one in the middle of an hour. Every
 * call is a function of its unit number, so the same month can be generated again to check the service's sums.
 * <p>
 * The benchmark's own arithmetic ({@link #costE10}) prices each call from the table below, independently of the
 * costing rules the services share, in units of 1e-10 dollars (prices have at most four decimals per million).
 */
final class ReconcileMonth {
    static final int WORKLOADS = 20;
    static final int TEAMS = 12;
    static final String[] ACCOUNTS = { "proj-a", "proj-b", "proj-c" };
    static final String[] MODELS = { "gpt-a", "gpt-b", "gpt-c", "claude-a", "claude-b", "claude-c" };
    static final String UNPRICED_MODEL = "mystery-model";
    static final long LONG_CONTEXT_THRESHOLD = 200_000;
    /** Per model: input, cache read, cache write, output, in 1e-4 dollars per million tokens. */
    private static final long[][] RATES = {
            { 25_000, 12_500, 25_000, 100_000 }, { 4_000, 1_000, 4_000, 16_000 }, { 1_000, 250, 1_000, 4_000 },
            { 30_000, 3_000, 37_500, 150_000 }, { 8_000, 800, 10_000, 40_000 }, { 10_000, 1_000, 12_500, 50_000 } };
    /** gpt-a from the 10th at midnight, claude-a from the 20th at 14:37:12: the new rates. */
    private static final long[] GPT_A_LATER = { 20_000, 10_000, 20_000, 80_000 };
    private static final long[] CLAUDE_A_LATER = { 24_000, 2_400, 30_000, 120_000 };
    /** gpt-a's web search, in 1e-10 dollars: 0.01 a search, 0.008 from the 10th. */
    private static final long SEARCH_E10 = 100_000_000L;
    private static final long SEARCH_LATER_E10 = 80_000_000L;

    final YearMonth month;
    final Instant start;
    final Instant gptAChange;
    final Instant claudeAChange;
    private final long seconds;
    private final long units;

    ReconcileMonth(YearMonth month, long traces) {
        this.month = month;
        this.start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        this.seconds = month.lengthOfMonth() * 86_400L;
        this.gptAChange = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
        this.claudeAChange = month.atDay(20).atTime(14, 37, 12).toInstant(ZoneOffset.UTC);
        this.units = Math.max(1, Math.round(traces / 1.15)); // 1 + 5% retries + 10% graders
    }

    /** One generated call. */
    record GenCall(long unit, String requestId, String unitId, String attemptKind, int workload, String team,
            String account, String provider, String model, Instant startedAt, long input, long cacheRead,
            long cacheWrite, long output, long ttftMs, long e2eMs, String errorType, int webSearches) {
        /** Two API keys per workload, by unit. */
        String apiKeyId() {
            return "key-" + workloadName() + "-" + unit % 2;
        }

        String workloadName() {
            return "w" + (workload < 9 ? "0" : "") + (workload + 1);
        }
    }

    /** The calls of unit {@code u}: a first attempt, maybe a retry or a repair, maybe a grader. */
    List<GenCall> unit(long u) {
        SplittableRandom r = new SplittableRandom(month.hashCode() * 1_000_003L + u);
        int workload = (int) (u % WORKLOADS);
        String team = r.nextInt(100) == 0 ? null : "team-" + (workload % TEAMS + 1);
        String account = ACCOUNTS[workload % ACCOUNTS.length];
        Instant at = start.plusMillis(u * (seconds * 1000 - 120_000) / units);
        String unitId = month + "-u" + u;
        List<GenCall> calls = new ArrayList<>(3);
        int model = r.nextInt(50) == 0 ? (workload + 1) % MODELS.length : workload % MODELS.length;
        int extra = r.nextInt(100);
        // a retried first attempt failed (rate limit or timeout); a repaired one answered, badly
        String error = extra < 2 ? "rate_limit" : extra < 3 ? "timeout" : null;
        calls.add(call(r, u, unitId, "first_attempt", 0, workload, team, account, model, at, error));
        if (extra < 5) {
            calls.add(call(r, u, unitId, extra < 3 ? "retry" : "repair", 1, workload, team, account, model,
                    at.plusSeconds(20), null));
        }
        if (r.nextInt(10) == 0) {
            calls.add(call(r, u, unitId, "eval_grader", 2, workload, team, account, 2, at.plusSeconds(40), null));
        }
        return calls;
    }

    private GenCall call(SplittableRandom r, long u, String unitId, String kind, int n, int workload, String team,
            String account, int model, Instant at, String errorType) {
        boolean unpriced = r.nextInt(10_000) == 0;
        String name = unpriced ? UNPRICED_MODEL : MODELS[model];
        long input = model == 4 && r.nextInt(100) == 0 ? 150_000 + r.nextInt(110_000) : 200 + r.nextInt(7_800);
        long cacheRead = r.nextInt(3) == 0 ? r.nextLong(input / 2 + 1) : 0;
        long cacheWrite = r.nextInt(10) == 0 ? r.nextLong((input - cacheRead) / 4 + 1) : 0;
        long ttft = 200 + r.nextInt(1_500);
        long output = 50 + r.nextInt(1_450);
        long e2e = ttft + 500 + r.nextInt(4_000);
        int searches = model == 0 && r.nextInt(20) == 0 ? 1 + r.nextInt(3) : 0;
        return new GenCall(u, month + "-r" + u + "-" + n, unitId, kind, workload, team, account,
                model < 3 ? "openai" : "anthropic", name, at, input, cacheRead, cacheWrite, output, ttft, e2e,
                errorType, searches);
    }

    long unitCount() {
        return units;
    }

    /** The call's cost at the rates in force when it started, in 1e-10 dollars; -1 when no price lists its model. */
    long costE10(GenCall c) {
        int m = modelIndex(c.model());
        if (m < 0) {
            return -1;
        }
        long[] rates = RATES[m];
        if (m == 0 && !c.startedAt().isBefore(gptAChange)) {
            rates = GPT_A_LATER;
        } else if (m == 3 && !c.startedAt().isBefore(claudeAChange)) {
            rates = CLAUDE_A_LATER;
        }
        long factor = m == 4 && c.input() > LONG_CONTEXT_THRESHOLD ? 2 : 1; // claude-b's long-context tier
        long uncached = c.input() - c.cacheRead() - c.cacheWrite();
        long searches = c.webSearches() * (c.startedAt().isBefore(gptAChange) ? SEARCH_E10 : SEARCH_LATER_E10);
        return factor * (uncached * rates[0] + c.cacheRead() * rates[1] + c.cacheWrite() * rates[2]
                + c.output() * rates[3]) + searches;
    }

    static BigDecimal dollars(long e10) {
        return BigDecimal.valueOf(e10).movePointLeft(10);
    }

    private static int modelIndex(String model) {
        for (int i = 0; i < MODELS.length; i++) {
            if (MODELS[i].equals(model)) {
                return i;
            }
        }
        return -1;
    }

    /** The price entries of the table, as pricing-service would publish them. */
    List<PricingSnapshotV1> prices() {
        Instant from = month.minusMonths(2).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<PricingSnapshotV1> out = new ArrayList<>();
        for (int m = 0; m < MODELS.length; m++) {
            out.add(entry(m, RATES[m], from, 1, m == 0 ? SEARCH_E10 : 0));
        }
        out.add(entry(0, GPT_A_LATER, gptAChange, 2, SEARCH_LATER_E10));
        out.add(entry(3, CLAUDE_A_LATER, claudeAChange, 2, 0));
        return out;
    }

    private PricingSnapshotV1 entry(int m, long[] rates, Instant from, long version, long searchE10) {
        boolean longContext = m == 4;
        BigDecimal in = perMillion(rates[0]);
        BigDecimal out = perMillion(rates[3]);
        return new PricingSnapshotV1(UUID.randomUUID(), from, 1, "bench-reconcile", UUID.randomUUID(),
                UUID.randomUUID(), version, m < 3 ? "openai" : "anthropic", MODELS[m], "standard", "", from, null,
                "USD", in, perMillion(rates[1]), perMillion(rates[2]), null, out, null,
                longContext ? LONG_CONTEXT_THRESHOLD : null, longContext ? in.multiply(BigDecimal.TWO) : null,
                longContext ? perMillion(rates[1]).multiply(BigDecimal.TWO) : null,
                longContext ? perMillion(rates[2]).multiply(BigDecimal.TWO) : null,
                longContext ? out.multiply(BigDecimal.TWO) : null, "bench-reconcile",
                searchE10 == 0 ? null : java.util.Map.of("web_search", dollars(searchE10)));
    }

    private static BigDecimal perMillion(long e4) {
        return BigDecimal.valueOf(e4).movePointLeft(4);
    }

    /** What the benchmark expects: trace-derived cost per workload (graders included), in 1e-10 dollars. */
    static final class Expected {
        final Map<String, long[]> byWorkload = new TreeMap<>();
        /** Trace-derived cost by provider, account and model (10^-10 dollars): what the month's bills charge. */
        final Map<String, long[]> byAccountModel = new TreeMap<>();
        long calls;
        long unpriced;
        long outcomes;
        long errors;

        synchronized void outcome() {
            outcomes++;
        }

        synchronized void add(GenCall c, long costE10) {
            calls++;
            if (c.errorType() != null) {
                errors++;
            }
            if (costE10 < 0) {
                unpriced++;
                return;
            }
            byWorkload.computeIfAbsent(c.workloadName(), w -> new long[1])[0] += costE10;
            byAccountModel.computeIfAbsent(c.provider() + "|" + c.account() + "|" + c.model(), k -> new long[1])[0]
                    += costE10;
        }

        long totalE10() {
            return byWorkload.values().stream().mapToLong(v -> v[0]).sum();
        }
    }
}
