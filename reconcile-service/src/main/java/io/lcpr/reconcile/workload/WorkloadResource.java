package io.lcpr.reconcile.workload;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/workloads/{workload}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkloadResource {
    private final WorkloadService service;

    public WorkloadResource(WorkloadService service) {
        this.service = service;
    }

    @PUT
    public WorkloadSettingsEntity define(@PathParam("workload") String workload, WorkloadRequests.Settings settings) {
        return service.define(workload, settings);
    }

    @PUT
    @Path("/periods/{period}/costs")
    public PeriodCostInputEntity costs(@PathParam("workload") String workload, @PathParam("period") String period,
            WorkloadRequests.Costs costs) {
        return service.costs(workload, period, costs);
    }
}
