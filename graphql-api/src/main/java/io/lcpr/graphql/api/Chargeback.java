package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.TeamAllocationV1;

/** A team's chargeback report and the periods' states, from the published statements. */
public final class Chargeback {
    private Chargeback() {
    }

    @Description("A component's charge this month and last, and the change")
    public record ComponentChange(String component, BigDecimal now, BigDecimal last, BigDecimal change) {
    }

    @Description("A team's month as its statement states it (001 ch 27), against last month's")
    public record Report(String team, String period, String mode, int version, BigDecimal charged,
            BigDecimal reserveContribution, BigDecimal incidentCredit, BigDecimal net, String lastPeriod,
            BigDecimal lastCharged, List<ComponentChange> components, List<TeamAllocation.WorkloadCharge> byWorkload,
            List<TeamAllocationV1.WorkloadLcpr> lcpr, List<Registry.ModeCharge> modes, BigDecimal variance,
            List<TeamAllocationV1.Transfer> transfers, List<TeamAllocationV1.CapacityShare> capacity) {

        static Report of(TeamAllocationV1 now, TeamAllocationV1 last, String lastPeriod) {
            Map<String, BigDecimal> c = now.components() == null ? Map.of() : now.components();
            Map<String, BigDecimal> l = last == null || last.components() == null ? Map.of() : last.components();
            List<ComponentChange> components = new ArrayList<>();
            for (String k : new TreeSet<>(c.keySet())) {
                BigDecimal n = c.get(k);
                BigDecimal was = l.get(k);
                components.add(new ComponentChange(k, n, was, was == null ? null : n.subtract(was)));
            }
            return new Report(now.team(), now.period(), now.mode(), now.version() == null ? 1 : now.version(),
                    now.amount(), now.reserveContribution(), now.incidentCredit(), now.net(), lastPeriod,
                    last == null ? null : last.amount(), components,
                    now.byWorkload().entrySet().stream().map(w -> new TeamAllocation.WorkloadCharge(w.getKey(),
                            w.getValue())).toList(),
                    now.lcprByWorkload() == null ? List.of() : now.lcprByWorkload(),
                    now.modes() == null ? List.of() : now.modes().entrySet().stream().map(m -> new Registry.ModeCharge(
                            m.getKey(), m.getValue())).toList(),
                    now.variance(), now.transfers() == null ? List.of() : now.transfers(),
                    now.capacity() == null ? List.of() : now.capacity());
        }
    }

    @Description("A period as the suite knows it: open (reconciled, not closed), closed, or corrected after closing")
    public record Period(String period, String state, int version, String newestRun) {
    }
}
