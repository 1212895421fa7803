package io.lcpr.reconcile.reconciliation;

import java.util.Map;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.reconcile.usage.UsageService;
import jakarta.ws.rs.BadRequestException;
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
    private final UsageService usage;

    public ReconciliationResource(ReconciliationService reconciliations, UsageService usage) {
        this.reconciliations = reconciliations;
        this.usage = usage;
    }

    /** Body: {"period": "2026-04"} or a day, "2026-04-15". */
    @POST
    @Path("/reconciliations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(Map<String, String> body) {
        return Response.status(Response.Status.CREATED).entity(reconciliations.run(period(body.get("period")))).build();
    }

    @GET
    @Path("/lcpr")
    public LcprComputedV1 lcpr(@QueryParam("period") String period, @QueryParam("workload") String workload) {
        return reconciliations.latest(period(period), workload)
                .orElseThrow(() -> new NotFoundException("no LCPR for " + workload + " in " + period));
    }

    @GET
    @Path("/usage")
    public UsageService.UsageSummary usage(@QueryParam("period") String period) {
        Period p = Period.parse(period(period));
        return usage.summary(p.start(), p.end());
    }

    private static String period(String label) {
        try {
            return Period.parse(label).label();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
