package io.lcpr.period;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Billing months are calendar months in UTC, the billing time zone of every period here. A scheduled job names
 * {@value #PREVIOUS} and the service decides which month that is, so no shell has to compute a date.
 */
public final class BillingMonths {
    public static final String PREVIOUS = "previous";

    private BillingMonths() {
    }

    /** The month before the one {@code now} falls in, as YYYY-MM. */
    public static String previous(Instant now) {
        return YearMonth.from(now.atOffset(ZoneOffset.UTC)).minusMonths(1).toString();
    }

    /** {@code label} as given, or the previous month when it is {@value #PREVIOUS}. */
    public static String resolve(String label, Instant now) {
        return PREVIOUS.equals(label) ? previous(now) : label;
    }
}
