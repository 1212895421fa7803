package io.lcpr.chargeback.team;

import java.math.BigDecimal;

/**
 * A team as the registry states it for a period: its owner, seat count and SLA tier with the tier's coefficient (how
 * much capacity its workload needs beyond average use: 001 ch 27's tier-1 latency 1.4x, tier-3 batch 0.7x).
 */
public record Team(String name, String owner, int seats, String slaTier, BigDecimal coefficient) {
    /** A team that has usage but no registry entry: no seats, tier coefficient 1. */
    public static Team unregistered(String name) {
        return new Team(name, null, 0, null, BigDecimal.ONE);
    }
}
