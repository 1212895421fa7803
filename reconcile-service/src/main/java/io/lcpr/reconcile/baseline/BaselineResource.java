package io.lcpr.reconcile.baseline;

import java.util.Arrays;

import io.lcpr.delivery.access.TeamAccess;
import io.lcpr.events.WorkloadSnapshot;
import io.lcpr.reconcile.workload.WorkloadService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Baselines: capture one ({@code POST}), read it, compare two ({@code ?a=&b=}, b may be {@code now}). */
@Path("/api/baselines")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BaselineResource {
    private final BaselineService baselines;
    private final TeamAccess access;
    private final WorkloadService workloads;

    public BaselineResource(BaselineService baselines, TeamAccess access, WorkloadService workloads) {
        this.baselines = baselines;
        this.access = access;
        this.workloads = workloads;
    }

    @POST
    public WorkloadSnapshot capture(BaselineRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with name and workload is required");
        }
        return baselines.capture(request);
    }

    /** Declares a change about to happen; the baseline before it is captured now, named {@code before:<name>}. */
    @PUT
    @Path("/changes/{name}")
    public DeclaredChange declare(@PathParam("name") String name, ChangeRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with workload, kind and effective_at is required");
        }
        return baselines.declareChange(name, request);
    }

    @GET
    @Path("/compare")
    public BaselineComparison compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("a and b are required (b may be now)");
        }
        BaselineComparison comparison = baselines.compare(a, b);
        if (access.heldTo().isPresent()) { // a team member compares its own teams' workloads
            for (WorkloadSnapshot side : Arrays.asList(comparison.a(), comparison.b())) {
                access.requireTeams(java.util.Collections.singletonList(workloads.ownerTeam(side.workload())),
                        "workload '" + side.workload() + "'");
            }
        }
        return comparison;
    }

    @GET
    @Path("/{name}")
    public WorkloadSnapshot get(@PathParam("name") String name) {
        return baselines.get(name);
    }
}
