package io.lcpr.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Why a call was made within its work unit (DESIGN.md section 3). */
public enum AttemptKind {
    FIRST_ATTEMPT, RETRY, REPAIR, EVAL_GRADER, FALLBACK;

    // Looked up for every ingested trace: built once, not per call.
    private static final Map<String, AttemptKind> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AttemptKind::wire, Function.identity()));

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static Optional<AttemptKind> fromWire(String value) {
        return value == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(value));
    }
}
