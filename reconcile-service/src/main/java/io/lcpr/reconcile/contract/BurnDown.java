package io.lcpr.reconcile.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.lcpr.events.ProviderContractV1;

/**
 * Burn-down of a committed spend: what the invoices of the commitment window have used, what is left, and how
 * the pace compares with an even burn (pace 1.0 = on track to use exactly the commitment by its end; below 1.0
 * the commitment will not be used up, the shortfall still payable). Credits valid at {@code asOf} are listed apart.
 */
public final class BurnDown {

    /** An invoice total and when its period started. */
    public record InvoicedPeriod(Instant periodStart, BigDecimal total) {
    }

    public record Result(String contract, BigDecimal committed, BigDecimal spent, BigDecimal remaining,
            BigDecimal elapsedShare, BigDecimal expectedByNow, BigDecimal pace, BigDecimal projectedAtEnd,
            BigDecimal projectedShortfall, BigDecimal creditsAvailable) {
    }

    private BurnDown() {
    }

    public static Result compute(ProviderContractV1 c, List<InvoicedPeriod> invoices, Instant asOf) {
        if (c.committedSpend() == null || c.commitmentFrom() == null || c.commitmentTo() == null) {
            throw new IllegalArgumentException("contract " + c.name() + " has no committed spend with a window");
        }
        BigDecimal spent = invoices.stream()
                .filter(i -> !i.periodStart().isBefore(c.commitmentFrom()) && i.periodStart().isBefore(c.commitmentTo())
                        && !i.periodStart().isAfter(asOf))
                .map(InvoicedPeriod::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        long window = Duration.between(c.commitmentFrom(), c.commitmentTo()).toSeconds();
        long elapsed = Math.max(0, Math.min(window, Duration.between(c.commitmentFrom(), asOf).toSeconds()));
        BigDecimal share = BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(window), 6, RoundingMode.HALF_UP);
        BigDecimal expected = c.committedSpend().multiply(share).setScale(2, RoundingMode.HALF_UP);
        BigDecimal pace = expected.signum() == 0 ? null : spent.divide(expected, 4, RoundingMode.HALF_UP);
        BigDecimal projected = share.signum() == 0 ? null : spent.divide(share, 2, RoundingMode.HALF_UP);
        BigDecimal shortfall = projected == null ? null
                : c.committedSpend().subtract(projected).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal credits = c.credits() == null ? BigDecimal.ZERO : c.credits().stream()
                .filter(cr -> !cr.validFrom().isAfter(asOf) && cr.validTo().isAfter(asOf))
                .map(ProviderContractV1.Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Result(c.name(), c.committedSpend(), spent, c.committedSpend().subtract(spent), share, expected,
                pace, projected, shortfall, credits);
    }
}
