package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.lcpr.Call;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.usage.PeriodUsageRepository;

/**
 * The token profile of each workload's month from the hourly rollups (calls other than graders'), with its list cost
 * per token class at the rates in force each hour, and at the rates in force when the previous month closed: what
 * the price-change driver compares. List prices only (no contract factor or currency): the drivers take the actual
 * cost's ratio to them as a factor of its own.
 */
public final class TokenProfiles {
    private TokenProfiles() {
    }

    public static Map<String, MonthFigures.Tokens> of(PeriodUsageRepository usage, PriceHistory prices, Period period) {
        Instant prior = period.start().minusSeconds(1);
        Map<String, double[]> sums = new HashMap<>();
        usage.streamHourly(period.start(), period.end(), r -> {
            if (Call.isGrader(r.attemptKind())) {
                return;
            }
            double[] s = sums.computeIfAbsent(r.workload().isEmpty() ? "unknown" : r.workload(), w -> new double[10]);
            s[0] += r.calls();
            s[1] += r.inputTokens();
            s[2] += r.cacheReadTokens();
            s[3] += r.cacheCreationTokens();
            s[4] += r.outputTokens();
            Rates now = rates(prices, r, r.start());
            if (now != null) {
                double[] c = classCosts(now, r);
                for (int i = 0; i < 4; i++) {
                    s[5 + i] += c[i];
                }
            }
            Rates then = rates(prices, r, prior);
            Rates atPrior = then != null ? then : now;
            if (atPrior != null) {
                double[] c = classCosts(atPrior, r);
                s[9] += c[0] + c[1] + c[2] + c[3];
            }
        });
        Map<String, MonthFigures.Tokens> out = new TreeMap<>();
        sums.forEach((w, s) -> out.put(w, new MonthFigures.Tokens((long) s[0], (long) s[1], (long) s[2], (long) s[3],
                (long) s[4], s[5], s[6], s[7], s[8], s[9])));
        return out;
    }

    private static Rates rates(PriceHistory prices, PeriodUsageRepository.Rollup r, Instant at) {
        return prices.quote(r.provider(), r.model(), r.serviceTier(), null, at).map(PriceHistory.Quote::rates)
                .orElse(null);
    }

    /** Uncached input, cache reads, cache writes, output: each class's tokens at its rate, in the quote's currency. */
    static double[] classCosts(Rates rates, PeriodUsageRepository.Rollup r) {
        boolean longPrompt = rates.isLongPrompt(r.minInput());
        Rates.LongContext lc = rates.longContext();
        BigDecimal in = longPrompt ? lc.inputPerMillion() : rates.inputPerMillion();
        BigDecimal read = longPrompt && lc.cacheReadPerMillion() != null ? lc.cacheReadPerMillion()
                : rates.cacheReadPerMillion();
        BigDecimal write = longPrompt && lc.cacheWritePerMillion() != null ? lc.cacheWritePerMillion()
                : rates.cacheWritePerMillion();
        BigDecimal out = longPrompt ? lc.outputPerMillion() : rates.outputPerMillion();
        long uncached = r.inputTokens() - r.cacheReadTokens() - r.cacheCreationTokens();
        return new double[] { perToken(in) * uncached, perToken(read != null ? read : in) * r.cacheReadTokens(),
                perToken(write != null ? write : in) * r.cacheCreationTokens(), perToken(out) * r.outputTokens() };
    }

    private static double perToken(BigDecimal perMillion) {
        return perMillion == null ? 0 : perMillion.doubleValue() / 1_000_000;
    }
}
