package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.util.Locale;

/** What a team's usage is measured by when a mode splits by usage. */
public enum UsageBasis {
    /** Trace-derived cost at the contract rates (the default: it prices what each token is). */
    TRACE_COST,
    /** Input and output tokens. */
    TOKENS,
    /** Calls (requests), each standing for its sampling weight. */
    REQUESTS,
    /** Accepted work units (outputs that passed the workload's acceptance rule), by the team of the final attempt. */
    ACCEPTED_OUTPUTS;

    BigDecimal of(WorkloadUsage.TeamUsage u) {
        return switch (this) {
        case TRACE_COST -> u.traceCost();
        case TOKENS -> BigDecimal.valueOf(u.tokens());
        case REQUESTS -> BigDecimal.valueOf(u.calls());
        case ACCEPTED_OUTPUTS -> BigDecimal.valueOf(u.accepted());
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The basis named {@code trace_cost}, {@code tokens}, {@code requests}, {@code accepted_outputs}; else null. */
    public static UsageBasis parse(String name) {
        for (UsageBasis b : values()) {
            if (b.wire().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return b;
            }
        }
        return null;
    }
}
