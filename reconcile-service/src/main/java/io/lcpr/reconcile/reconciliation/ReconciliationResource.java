package io.lcpr.reconcile.reconciliation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lcpr.events.LcprComputedV1;
import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final ReconciliationRuns runs;
    private final ReconciliationService reconciliations;
    private final io.lcpr.reconcile.usage.ConsumerLag lag;

    public ReconciliationResource(ReconciliationRuns runs, ReconciliationService reconciliations,
            io.lcpr.reconcile.usage.ConsumerLag lag) {
        this.lag = lag;
        this.runs = runs;
        this.reconciliations = reconciliations;
    }

    /**
     * Body: {"period": "2026-04"} or a day, "2026-04-15". 201 with the run when it completed within
     * reconcile.run.answer-within.ms, 202 with its Location while it runs, 200 with the earlier run when the inputs
     * have not changed since (nothing is published again), 500 naming the reason when it failed.
     */
    @POST
    @Path("/reconciliations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(Map<String, String> body) {
        ReconciliationRuns.RunView run = runs.start(Period.fromRequest(body.get("period")));
        URI location = URI.create("/api/reconciliations/" + run.runId());
        Response.Status status = switch (run.status()) {
            case ReconciliationRunEntity.RUNNING -> Response.Status.ACCEPTED;
            case ReconciliationRunEntity.FAILED -> Response.Status.INTERNAL_SERVER_ERROR;
            default -> run.existing() ? Response.Status.OK : Response.Status.CREATED;
        };
        return Response.status(status).location(location).entity(run).build();
    }

    /** Whether the period's newest run is on its current inputs, and the backlog still to fold. */
    @GET
    @Path("/reconciliations/freshness")
    public ReconciliationRuns.Freshness freshness(@QueryParam("period") String period) {
        return runs.freshness(Period.fromRequest(period), lag.current());
    }

    @GET
    @Path("/reconciliations/{id}")
    public ReconciliationRuns.RunView run(@PathParam("id") UUID id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("no reconciliation run " + id));
    }

    @GET
    @Path("/lcpr")
    public LcprComputedV1 lcpr(@QueryParam("period") String period, @QueryParam("workload") String workload) {
        return reconciliations.latest(Period.fromRequest(period), workload)
                .orElseThrow(() -> new NotFoundException("no LCPR for " + workload + " in " + period));
    }

    /** Vendor overcharge claims, with what later credits settled and what is still open. */
    @GET
    @Path("/claims")
    public List<ClaimRepository.ClaimView> claims(@QueryParam("provider") String provider,
            @QueryParam("billing_account") String account) {
        return reconciliations.claims(provider, account);
    }
}
