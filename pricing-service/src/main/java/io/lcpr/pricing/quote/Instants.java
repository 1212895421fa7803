package io.lcpr.pricing.quote;

import java.time.Instant;

/** Pricing's one reading of a point in time on the wire: a date (start of that day, UTC) or an instant. */
public final class Instants {
    private Instants() {
    }

    /** @throws java.time.format.DateTimeParseException when the value is neither */
    public static Instant dateOrInstant(String value) {
        return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
    }
}
