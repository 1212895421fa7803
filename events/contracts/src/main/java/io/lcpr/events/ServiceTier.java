package io.lcpr.events;

import java.util.Arrays;
import java.util.Optional;

/** The provider's service tier; it chooses the price column. */
public enum ServiceTier {
    STANDARD, BATCH, PRIORITY, FLEX;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<ServiceTier> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}
