package io.lcpr.reconcile.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lcpr.events.ProviderContractV1;
import io.lcpr.reconcile.period.Period;

/**
 * An account's billing period against the suite's reporting month (UTC calendar months): a contract's billing time
 * zone and period start day shift the window its invoice covers (000's Los Angeles account bills from 08:00 UTC).
 * The shift's trace-derived cost is the timezone_period_mismatch bucket: cost in the billing window minus cost in the
 * reporting month = what the window takes in after the month ends (or before it starts) minus what it leaves out.
 */
final class BillingWindows {
    /** A billing window that differs from the reporting month, and the two edge ranges that make the difference. */
    record Window(Instant start, Instant end, String zone, int startDay) {
        /** The [from, to) ranges to price, each with the sign its cost takes in the bucket. */
        List<Edge> edges(Period month) {
            return List.of(new Edge(min(start, month.start()), max(start, month.start()),
                    start.isBefore(month.start()) ? 1 : -1),
                    new Edge(min(end, month.end()), max(end, month.end()), end.isAfter(month.end()) ? 1 : -1));
        }

        String describe() {
            return "billed from " + start + " to " + end + " (" + zone + ", day " + startDay + ")";
        }
    }

    record Edge(Instant from, Instant to, int sign) {
        boolean isEmpty() {
            return !from.isBefore(to);
        }
    }

    private BillingWindows() {
    }

    /**
     * The billing windows of the contracts in force at the month's start, per provider and billing account, where
     * they differ from the month; only for monthly periods (a day reconciles in UTC).
     */
    static Map<String, Window> of(List<ProviderContractV1> contracts, Period month) {
        Map<String, Window> out = new TreeMap<>();
        if (month.label().length() != 7) {
            return out;
        }
        YearMonth ym = YearMonth.parse(month.label());
        for (ProviderContractV1 c : contracts) {
            if (c.effectiveFrom().isAfter(month.start())
                    || (c.effectiveTo() != null && !c.effectiveTo().isAfter(month.start()))) {
                continue;
            }
            ZoneId zone = c.billingTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(c.billingTimeZone());
            int day = Math.max(1, c.periodStartDay());
            Instant start = LocalDate.of(ym.getYear(), ym.getMonth(), Math.min(day, ym.lengthOfMonth()))
                    .atStartOfDay(zone).toInstant();
            YearMonth next = ym.plusMonths(1);
            Instant end = LocalDate.of(next.getYear(), next.getMonth(), Math.min(day, next.lengthOfMonth()))
                    .atStartOfDay(zone).toInstant();
            if (!start.equals(month.start()) || !end.equals(month.end())) {
                out.put(c.provider() + "/" + c.billingAccount(), new Window(start, end, zone.getId(), day));
            }
        }
        return out;
    }

    /** The delta basis the contracts in force at the month's start state, per provider and billing account. */
    static Map<String, String> deltaBases(List<ProviderContractV1> contracts, Period month) {
        Map<String, String> out = new TreeMap<>();
        for (ProviderContractV1 c : contracts) {
            if (c.deltaBasis() != null && !c.effectiveFrom().isAfter(month.start())
                    && (c.effectiveTo() == null || c.effectiveTo().isAfter(month.start()))) {
                out.put(c.provider() + "/" + c.billingAccount(), c.deltaBasis());
            }
        }
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
