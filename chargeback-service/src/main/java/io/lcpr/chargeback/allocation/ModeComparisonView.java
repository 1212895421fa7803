package io.lcpr.chargeback.allocation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lcpr.chargeback.incident.IncidentCredits;
import io.lcpr.chargeback.transfer.Transfers;

/** A period's modes side by side as the API answers them: mode names as on the wire, the policy and its author. */
public record ModeComparisonView(String period, UUID runId, String mode, String basis, boolean uniformPerSeat,
        BigDecimal hybridFloor, String chosenBy, Instant chosenAt, BigDecimal total, BigDecimal unknown,
        BigDecimal floor, Map<String, Mode> modes, List<Variance> variance, IncidentCredits.Result reserve,
        Transfers.Result transfers) {

    /** One mode's charges per team, the unknown bucket and the total. */
    public record Mode(Map<String, BigDecimal> byTeam, BigDecimal unknown, BigDecimal total) {
    }

    /** One team across the modes. */
    public record Variance(String team, BigDecimal least, String leastUnder, BigDecimal most, String mostUnder,
            BigDecimal spread, Map<String, BigDecimal> againstPolicy) {
    }

    static ModeComparisonView of(String period, UUID runId, PolicyService.Choice choice, ModeAllocator.Comparison c,
            IncidentCredits.Result reserve, Transfers.Result transfers) {
        Map<String, Mode> modes = new LinkedHashMap<>();
        c.modes().forEach((m, r) -> modes.put(m.wire(), new Mode(r.byTeam(), r.unknown(), r.total())));
        List<Variance> variance = c.variance().stream().map(v -> {
            Map<String, BigDecimal> against = new LinkedHashMap<>();
            v.againstPolicy().forEach((m, a) -> against.put(m.wire(), a));
            return new Variance(v.team(), v.least(), v.leastUnder().wire(), v.most(), v.mostUnder().wire(),
                    v.spread(), against);
        }).toList();
        AllocationPolicy p = choice.policy();
        return new ModeComparisonView(period, runId, p.mode().wire(), p.basis().wire(), p.uniformPerSeat(),
                p.hybridFloor(), choice.chosenBy(), choice.chosenAt(), c.total(), c.unknown(), c.floor(), modes,
                variance, reserve, transfers);
    }
}
