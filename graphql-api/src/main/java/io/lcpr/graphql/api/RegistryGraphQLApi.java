package io.lcpr.graphql.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.TeamV1;
import io.lcpr.events.Topics;
import io.lcpr.events.WorkloadRegisteredV1;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.access.Caller;
import io.lcpr.graphql.projection.ProjectionService;

/** Teams, workloads and the allocation modes side by side. */
@GraphQLApi
public class RegistryGraphQLApi {
    private final ProjectionService projections;
    private final Access access;

    public RegistryGraphQLApi(ProjectionService projections, Access access) {
        this.projections = projections;
        this.access = access;
    }

    @Query
    @Description("Every team chargeback-service knows (a team member: its own)")
    public List<Registry.Team> teams() {
        Caller caller = access.caller();
        return projections.newestBySubject(Topics.TEAMS, null, false, TeamV1.class).stream()
                .filter(t -> caller.sees(t.team())).map(Registry.Team::of).toList();
    }

    @Query
    @Description("Registered workloads, or those a team owns (a team member: its teams')")
    public List<Registry.Workload> workloads(String ownerTeam) {
        Caller caller = access.caller();
        if (ownerTeam != null) {
            caller.requireTeam(ownerTeam);
        }
        return projections.newestBySubject(Topics.WORKLOADS, ownerTeam, false, WorkloadRegisteredV1.class).stream()
                .filter(w -> caller.sees(w.ownerTeam())).map(Registry.Workload::of).toList();
    }

    /** The workloads each team owns: one query for every team of the answer. */
    @Name("workloads")
    @Description("The workloads this team owns")
    public List<List<Registry.Workload>> ownedWorkloads(@Source List<Registry.Team> teams) {
        Map<String, List<Registry.Workload>> byOwner = new TreeMap<>();
        workloads(null).forEach(w -> byOwner.computeIfAbsent(String.valueOf(w.ownerTeam()), o -> new ArrayList<>())
                .add(w));
        return teams.stream().map(t -> byOwner.getOrDefault(t.name(), List.of())).toList();
    }

    @Query
    @Description("What each team pays for a closed period under every allocation mode (each team's newest statement;"
            + " a team member: its teams')")
    public List<Registry.ModeComparison> compareAllocationModes(@NonNull String period) {
        Caller caller = access.caller();
        List<Registry.ModeComparison> out = new ArrayList<>();
        for (TeamAllocationV1 e : projections.newestStatements(period)) {
            if (!caller.sees(e.team())) {
                continue;
            }
            List<Registry.ModeCharge> modes = e.modes() == null ? List.of() : e.modes().entrySet().stream()
                    .map(m -> new Registry.ModeCharge(m.getKey(), m.getValue())).toList();
            out.add(new Registry.ModeComparison(e.team(), e.mode(), e.amount(), modes, e.variance()));
        }
        return out;
    }
}
