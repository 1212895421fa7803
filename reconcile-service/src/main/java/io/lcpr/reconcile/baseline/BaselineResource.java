package io.lcpr.reconcile.baseline;

import io.lcpr.events.WorkloadSnapshot;

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

    public BaselineResource(BaselineService baselines) {
        this.baselines = baselines;
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
        return baselines.compare(a, b);
    }

    @GET
    @Path("/{name}")
    public WorkloadSnapshot get(@PathParam("name") String name) {
        return baselines.get(name);
    }
}
