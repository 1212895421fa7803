package io.lcpr.reconcile.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Billing timestamps as exports write them: ISO-8601 with a zone ({@code 2024-10-01T00:00:00Z}), FOCUS samples'
 * {@code 2024-10-01 00:00:00} and dates alone (both read as UTC, FOCUS's rule), and US dates ({@code 5/1/25}).
 */
final class BillingTimes {
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/[yyyy][yy]");

    private BillingTimes() {
    }

    /** @throws DateTimeParseException when the text is none of the shapes above */
    static Instant parse(String text) {
        String t = text.trim();
        if (t.indexOf('/') > 0) {
            return LocalDate.parse(t, US).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (t.indexOf('T') < 0) {
            return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC);
        }
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) {
            return OffsetDateTime.parse(t).toInstant();
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    }

    /** The month label ({@code 2026-04}) of an instant, in UTC. */
    static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }
}
