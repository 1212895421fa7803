package io.lcpr.reconcile.reconciliation;

import java.util.Map;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final ReconciliationService reconciliations;

    public ReconciliationResource(ReconciliationService reconciliations) {
        this.reconciliations = reconciliations;
    }

    /** Body: {"period": "2026-04"} or a day, "2026-04-15". */
    @POST
    @Path("/reconciliations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(Map<String, String> body) {
        Period period = Period.fromRequest(body.get("period"));
        return Response.status(Response.Status.CREATED).entity(reconciliations.run(period)).build();
    }

    @GET
    @Path("/lcpr")
    public LcprComputedV1 lcpr(@QueryParam("period") String period, @QueryParam("workload") String workload) {
        return reconciliations.latest(Period.fromRequest(period), workload)
                .orElseThrow(() -> new NotFoundException("no LCPR for " + workload + " in " + period));
    }
}
