package io.lcpr.reconcile.margin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import io.lcpr.events.RevenueTermV1;

/**
 * A workload's revenue in a period from its revenue terms (DESIGN.md section 4, margin): per accepted unit times
 * the accepted units, or a fixed monthly amount (a day's period takes its day's share of the month). A term counts
 * when it is in force at the period's start. A per-unit term that names a customer account counts that account's
 * accepted units only (AccountUsage). Margin = (revenue - cost) / revenue, beside the naive margin on the
 * trace-derived inference cost alone.
 */
public final class Revenue {
    public static final String PER_ACCEPTED_UNIT = "per_accepted_unit";
    public static final String FIXED_MONTHLY = "fixed_monthly";

    private Revenue() {
    }

    /**
     * @param monthShare the period's share of a month: 1 for a month, 1/days for a day
     * @param acceptedOfAccount accepted units of the workload whose final call served an account
     */
    public static BigDecimal of(List<RevenueTermV1> terms, String workload, Instant periodStart, long acceptedUnits,
            BigDecimal monthShare, java.util.function.ToLongFunction<String> acceptedOfAccount) {
        BigDecimal revenue = null;
        for (RevenueTermV1 t : terms) {
            if (!workload.equals(t.workload()) || !inForce(t, periodStart)) {
                continue;
            }
            long units = t.account() == null ? acceptedUnits : acceptedOfAccount.applyAsLong(t.account());
            BigDecimal amount = switch (t.kind()) {
                case PER_ACCEPTED_UNIT -> t.amount().multiply(BigDecimal.valueOf(units));
                case FIXED_MONTHLY -> t.amount().multiply(monthShare);
                default -> BigDecimal.ZERO;
            };
            revenue = revenue == null ? amount : revenue.add(amount);
        }
        return revenue;
    }

    static boolean inForce(RevenueTermV1 t, Instant periodStart) {
        return !t.effectiveFrom().isAfter(periodStart)
                && (t.effectiveTo() == null || t.effectiveTo().isAfter(periodStart));
    }

    /** (revenue - cost) / revenue as a percentage (4 decimals), null without revenue. */
    public static BigDecimal marginPct(BigDecimal revenue, BigDecimal cost) {
        if (revenue == null || revenue.signum() == 0) {
            return null;
        }
        return revenue.subtract(cost).multiply(BigDecimal.valueOf(100)).divide(revenue, 4, RoundingMode.HALF_UP);
    }

    /** part / total as a percentage (4 decimals), null when the total is zero. */
    public static BigDecimal sharePct(BigDecimal part, BigDecimal total) {
        if (total == null || total.signum() == 0) {
            return null;
        }
        return part.multiply(BigDecimal.valueOf(100)).divide(total, 4, RoundingMode.HALF_UP);
    }
}
