package io.lcpr.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The provider's service tier; it chooses the price column. */
public enum ServiceTier {
    STANDARD, BATCH, PRIORITY, FLEX;

    // Looked up for every ingested trace: built once, not per call.
    private static final Map<String, ServiceTier> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ServiceTier::wire, Function.identity()));

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static Optional<ServiceTier> fromWire(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(value));
    }
}
