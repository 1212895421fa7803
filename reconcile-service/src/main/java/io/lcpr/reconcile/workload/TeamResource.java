package io.lcpr.reconcile.workload;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/teams/{team}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {
    private final WorkloadService service;

    public TeamResource(WorkloadService service) {
        this.service = service;
    }

    /** Body {"amount": 2500}: the team's ops cost in the period, shared by the workloads whose ops rule names it. */
    @PUT
    @Path("/periods/{period}/ops-cost")
    public TeamOpsCostEntity opsCost(@PathParam("team") String team, @PathParam("period") String period,
            WorkloadRequests.TeamOpsCost cost) {
        return service.teamOpsCost(team, period, cost);
    }
}
