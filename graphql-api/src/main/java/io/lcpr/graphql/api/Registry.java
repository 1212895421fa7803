package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;

import io.lcpr.events.TeamV1;
import io.lcpr.events.WorkloadRegisteredV1;

/** The registries' GraphQL shapes: teams (chargeback-service) and workloads (reconcile-service). */
public final class Registry {
    private Registry() {
    }

    @Description("A team as chargeback-service registers it, its newest version")
    public record Team(String name, String owner, int seats, String slaTier, BigDecimal coefficient,
            String effectiveFrom) {
        static Team of(TeamV1 e) {
            TeamV1.Version v = e.versions().get(e.versions().size() - 1);
            return new Team(e.team(), v.owner(), v.seats(), v.slaTier(), v.coefficient(), v.effectiveFrom());
        }
    }

    @Description("A workload as reconcile-service registers it: class, unit, SLOs, acceptance rule, owner team")
    public record Workload(String name, String workloadClass, String unitName, String ownerTeam, Long ttftSloMs,
            Long e2eSloMs, long sloToleranceMs, boolean evalRequired, boolean humanSignoffAccepted,
            List<String> serves) {
        static Workload of(WorkloadRegisteredV1 e) {
            return new Workload(e.workload(), e.workloadClass(), e.unitName(), e.ownerTeam(), e.ttftSloMs(),
                    e.e2eSloMs(), e.sloToleranceMs(), e.evalRequired(), e.humanSignoffAccepted(), e.serves());
        }
    }

    @Description("A team's charge for a period under every allocation mode, and the spread between them")
    public record ModeComparison(String team, String chosenMode, BigDecimal charged, List<ModeCharge> modes,
            @Description("Largest minus smallest charge across the modes") BigDecimal variance) {
    }

    public record ModeCharge(String mode, BigDecimal amount) {
    }
}
