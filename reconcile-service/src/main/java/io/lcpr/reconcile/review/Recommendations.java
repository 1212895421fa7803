package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A review's recommended actions (001 ch 26: "two or three specific recommendations, each with an expected impact
 * and an owner"), computed from the figures: for each workload, what this month would have cost with one rate back
 * at last month's level (its baseline). Cache hit rate: the input tokens that would have been read from cache at the
 * difference between the input and cache-read rates; repair rate: the extra calls at this month's cost per call;
 * escalation rate: the cases at this month's human cost per case; output length: the extra output tokens at the
 * output rate. List rates are scaled by the workload's actual-to-list cost ratio. The largest few, with a positive
 * impact of at least a cent, are kept.
 */
final class Recommendations {
    static final int KEPT = 3;

    private Recommendations() {
    }

    record Candidate(String workload, String kind, String text, BigDecimal impact) {
    }

    static List<Candidate> of(List<MonthFigures[]> pairs) {
        List<Candidate> all = new ArrayList<>();
        for (MonthFigures[] p : pairs) {
            MonthFigures then = p[0];
            MonthFigures now = p[1];
            if (then == null || now.tokens().calls() == 0 || now.tokens().listCost() <= 0) {
                continue;
            }
            MonthFigures.Tokens t0 = then.tokens();
            MonthFigures.Tokens t1 = now.tokens();
            double k = now.inference().doubleValue() / t1.listCost();
            double hitGap = t0.cacheHitRate() - t1.cacheHitRate();
            if (hitGap > 0) {
                all.add(candidate(now, "cache_hit_rate", hitGap * t1.input() * t1.cacheDiscountPerToken() * k,
                        "Restore %s's cache hit rate from %.1f%% to last month's %.1f%% (check prefix order and TTL)",
                        now.workload(), t1.cacheHitRate() * 100, t0.cacheHitRate() * 100));
            }
            double repairGap = now.repairRate() - then.repairRate();
            if (repairGap > 0 && now.firstAttempts() > 0) {
                double perCall = now.inference().doubleValue() / t1.calls();
                all.add(candidate(now, "repair_rate", repairGap * now.firstAttempts() * perCall,
                        "Bring %s's repair rate from %.1f%% back to %.1f%% (pin the model version, fix the parser)",
                        now.workload(), now.repairRate() * 100, then.repairRate() * 100));
            }
            double escalationGap = now.escalationRate() - then.escalationRate();
            if (escalationGap > 0 && now.escalated() > 0 && now.human() != null) {
                double perCase = now.human().doubleValue() / now.escalated();
                all.add(candidate(now, "escalation_rate", escalationGap * now.attempted() * perCase,
                        "Bring %s's escalation rate from %.1f%% back to %.1f%%", now.workload(),
                        now.escalationRate() * 100, then.escalationRate() * 100));
            }
            double outputGap = t1.outputPerCall() - t0.outputPerCall();
            if (outputGap > 0 && t1.output() > 0) {
                all.add(candidate(now, "output_length", outputGap * t1.calls() * t1.outputRate(0) * k,
                        "Cap %s's output length at last month's %.0f tokens a call (now %.0f): max_tokens, terser "
                                + "prompt", now.workload(), t0.outputPerCall(), t1.outputPerCall()));
            }
        }
        return all.stream().filter(c -> c.impact().compareTo(new BigDecimal("0.01")) >= 0)
                .sorted(Comparator.comparing(Candidate::impact).reversed()).limit(KEPT).toList();
    }

    private static Candidate candidate(MonthFigures now, String kind, double impact, String text, Object... args) {
        return new Candidate(now.workload(), kind, String.format(Locale.ROOT, text, args),
                BigDecimal.valueOf(impact).setScale(2, RoundingMode.HALF_UP));
    }
}
