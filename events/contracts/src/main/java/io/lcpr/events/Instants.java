package io.lcpr.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The one timestamp shape the suite writes, {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z}, read by hand: through
 * DateTimeFormatter it was the largest single cost of reading an event (a profile of reconcile-service's consumer).
 * Any other shape is left to the caller's general parser.
 */
public final class Instants {
    private Instants() {
    }

    /**
     * Microseconds since 1970-01-01T00:00Z, PostgreSQL's precision: how a batch statement passes instants as an
     * int8 array ({@code timestamptz 'epoch' + micros * interval '1 microsecond'}).
     */
    public static long epochMicros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    /** The instant, or null when the text has any other shape (an offset, a leap second, a year past 9999...). */
    public static Instant parseUtc(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n < 20 || n == 21 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (nanos < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || year < 0
                || month < 0 || day < 0) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal digits from {@code from} to {@code to}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
