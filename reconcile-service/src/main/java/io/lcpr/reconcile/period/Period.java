package io.lcpr.reconcile.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.BadRequestException;

/** A billing period: a month ({@code 2026-04}) or a day ({@code 2026-04-15}), half-open [start, end) in UTC. */
public record Period(String label, Instant start, Instant end) {

    public static Period parse(String label) {
        if (label == null) {
            throw new IllegalArgumentException("period is required (YYYY-MM or YYYY-MM-DD)");
        }
        try {
            if (label.length() == 7) {
                YearMonth month = YearMonth.parse(label);
                return new Period(label, month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            LocalDate day = LocalDate.parse(label);
            return new Period(label, day.atStartOfDay().toInstant(ZoneOffset.UTC),
                    day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("period '" + label + "' is not YYYY-MM or YYYY-MM-DD");
        }
    }

    /** The period's share of its calendar month: 1 for a month, 1/days-in-month for a day. */
    public java.math.BigDecimal monthShare() {
        if (label.length() == 7) {
            return java.math.BigDecimal.ONE;
        }
        int days = YearMonth.from(start.atOffset(ZoneOffset.UTC)).lengthOfMonth();
        return java.math.BigDecimal.ONE.divide(java.math.BigDecimal.valueOf(days), 12, java.math.RoundingMode.HALF_UP);
    }

    /**
     * For REST adapters: a missing or malformed period is the caller's mistake (400), said as parse says it;
     * {@code previous} is last month (BillingMonths), what a monthly job asks for.
     */
    public static Period fromRequest(String label) {
        try {
            return parse(io.lcpr.period.BillingMonths.resolve(label, Instant.now()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** For what only a month has (a review pack, a forecast): a day is refused naming what was asked for. */
    public static Period monthFromRequest(String label, String what) {
        Period p = fromRequest(label);
        if (p.label().length() != 7) {
            throw new IllegalArgumentException("period: " + what + " is monthly (YYYY-MM), not '" + label + "'");
        }
        return p;
    }
}
