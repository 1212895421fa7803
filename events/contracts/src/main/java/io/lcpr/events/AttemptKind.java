package io.lcpr.events;

import java.util.Arrays;
import java.util.Optional;

/** Why a call was made within its work unit (DESIGN.md section 3). */
public enum AttemptKind {
    FIRST_ATTEMPT, RETRY, REPAIR, EVAL_GRADER, FALLBACK;

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<AttemptKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst();
    }
}
