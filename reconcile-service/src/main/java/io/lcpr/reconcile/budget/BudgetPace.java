package io.lcpr.reconcile.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Where a budget stands at an instant of its period: the spend to date, what was expected by now (the amount prorated
 * to the elapsed part), the burn-down (what is left) and the projected end-of-period spend at the pace so far; and
 * whether it has reached its warning share or is exceeded.
 */
public record BudgetPace(Instant periodStart, Instant periodEnd, Instant at, BigDecimal amount, BigDecimal spent,
        BigDecimal expected, BigDecimal remaining, BigDecimal projected, BigDecimal pace, boolean warn,
        boolean exceeded) {

    /** The period (UTC day or month) an instant falls in: [start, end). */
    static Instant[] period(String kind, Instant at) {
        if (kind.equals("daily")) {
            Instant start = at.truncatedTo(ChronoUnit.DAYS);
            return new Instant[] { start, start.plus(Duration.ofDays(1)) };
        }
        YearMonth m = YearMonth.from(at.atZone(ZoneOffset.UTC));
        return new Instant[] { m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC) };
    }

    static BudgetPace of(Instant start, Instant end, Instant at, BigDecimal amount, BigDecimal warnPct,
            BigDecimal spent) {
        BigDecimal elapsed = BigDecimal.valueOf(Duration.between(start, at).toSeconds())
                .divide(BigDecimal.valueOf(Duration.between(start, end).toSeconds()), 8, RoundingMode.HALF_UP);
        BigDecimal expected = amount.multiply(elapsed);
        BigDecimal projected = elapsed.signum() == 0 ? spent : spent.divide(elapsed, 6, RoundingMode.HALF_UP);
        BigDecimal pace = expected.signum() == 0 ? null : spent.divide(expected, 4, RoundingMode.HALF_UP);
        boolean warn = spent.compareTo(amount.multiply(warnPct).movePointLeft(2)) >= 0;
        return new BudgetPace(start, end, at, amount, spent, expected.setScale(6, RoundingMode.HALF_UP),
                amount.subtract(spent), projected, pace, warn, spent.compareTo(amount) >= 0);
    }
}
