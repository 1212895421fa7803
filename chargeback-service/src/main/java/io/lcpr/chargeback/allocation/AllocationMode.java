package io.lcpr.chargeback.allocation;

import java.util.Locale;

/** The four shapes of 001 ch 27 a shared bill is divided by. */
public enum AllocationMode {
    /** The amount divided equally per team (or per seat). */
    UNIFORM,
    /** Each workload's amount by each team's share of its usage. */
    PROPORTIONAL,
    /** Proportional, each team's usage times its SLA tier coefficient, renormalized. */
    WEIGHTED,
    /** A fixed floor split by seats, the rest by usage at one rate across the platform. */
    HYBRID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code uniform}, ...; null when none is. */
    public static AllocationMode parse(String name) {
        for (AllocationMode m : values()) {
            if (m.wire().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        return null;
    }
}
