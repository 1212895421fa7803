package io.lcpr.graphql.api;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.Topics;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.projection.ProjectionService;

/** A team's chargeback report, the periods' states and LCPR by team, from the projected statements and runs. */
@GraphQLApi
public class ChargebackGraphQLApi {
    private final ProjectionService projections;
    private final Access access;

    public ChargebackGraphQLApi(ProjectionService projections, Access access) {
        this.projections = projections;
        this.access = access;
    }

    @Query
    @Description("A team's chargeback report for a closed month (its newest statement) against the month before")
    public Chargeback.Report chargebackReport(@NonNull String team, @NonNull String period) {
        access.caller().requireTeam(team);
        String last;
        try {
            last = YearMonth.parse(period).minusMonths(1).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("period: '" + period + "' is not a month (YYYY-MM)");
        }
        TeamAllocationV1 now = statementOf(period, team);
        return now == null ? null : Chargeback.Report.of(now, statementOf(last, team), last);
    }

    @Query
    @Description("Every period reconciled or closed: open (reconciled, no statement yet), closed, corrected")
    public List<Chargeback.Period> periods() {
        access.caller(); // states only, no team's figures: any role
        Map<String, Chargeback.Period> out = new TreeMap<>();
        for (ReconciliationCompletedV1 r : projections.newestBySubject(Topics.RECONCILIATION_COMPLETED, null, false,
                ReconciliationCompletedV1.class)) {
            out.put(r.period(), new Chargeback.Period(r.period(), "open", 0, r.runId().toString()));
        }
        projections.statementVersions().forEach((p, version) -> {
            Chargeback.Period reconciled = out.get(p);
            if (reconciled != null) {
                out.put(p, new Chargeback.Period(p, version > 1 ? "corrected" : "closed", version,
                        reconciled.newestRun()));
            }
        });
        return List.copyOf(out.values());
    }

    @Query
    @Description("LCPR of every workload a team's calls went to in a period, from the newest runs")
    public List<Lcpr> lcprOfTeam(@NonNull String period, @NonNull String team) {
        access.caller().requireTeam(team);
        return projections.newestLcpr(period).stream().filter(e -> e.traceCostByTeam() != null
                && e.traceCostByTeam().containsKey(team)).map(Lcpr::of).toList();
    }

    @Query
    @Description("LCPR of a team over the workloads it owns for a period, with revenue and margins (newest run)")
    public Lcpr.OfScope teamLcpr(@NonNull String period, @NonNull String team) {
        access.caller().requireTeam(team);
        return marginOf(period, "team", team);
    }

    @Query
    @Description("LCPR of a customer account (one a revenue term names) for a period, with its revenue and margins;"
            + " platform-admin and finance")
    public Lcpr.OfScope accountLcpr(@NonNull String period, @NonNull String account) {
        access.caller().requireSeesAll("a customer account's LCPR and margin");
        return marginOf(period, "account", account);
    }

    private Lcpr.OfScope marginOf(String period, String scope, String name) {
        return projections.reconciliation(period).flatMap(run -> (run.margins() == null
                ? List.<ReconciliationCompletedV1.Margin> of() : run.margins()).stream()
                .filter(m -> scope.equals(m.scope()) && name.equals(m.name())).findFirst()
                .map(m -> Lcpr.OfScope.of(run, m))).orElse(null);
    }

    private TeamAllocationV1 statementOf(String period, String team) {
        return projections.newestStatements(period).stream().filter(s -> s.team().equals(team)).findFirst()
                .orElse(null);
    }
}
