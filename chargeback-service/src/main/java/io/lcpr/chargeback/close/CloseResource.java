package io.lcpr.chargeback.close;

import java.time.Instant;
import java.util.List;

import io.lcpr.period.BillingMonths;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A month's close: {@code POST .../close} {@code {by, force_reason}}, {@code POST .../corrections} {@code {by,
 * reason}}, {@code POST .../republish}, {@code GET .../close}; disputes of a line by a team, kept with the month.
 */
@Path("/api/chargeback/periods/{period}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CloseResource {
    private final PeriodCloseService closes;
    private final DisputeService disputes;

    public CloseResource(PeriodCloseService closes, DisputeService disputes) {
        this.closes = closes;
        this.disputes = disputes;
    }

    @POST
    @Path("/close")
    public PeriodClose close(@PathParam("period") String period, CloseRequest request) {
        // "previous": last month, decided here, so the monthly job needs no date arithmetic of its own
        return closes.close(BillingMonths.resolve(period, Instant.now()), request);
    }

    @GET
    @Path("/close")
    public PeriodClose closed(@PathParam("period") String period) {
        return closes.find(period).orElseThrow(() -> new NotFoundException(period + " is not closed"));
    }

    /** The closed month as a FOCUS 1.2 CSV: a row per team, workload and cost component (FocusExport). */
    @GET
    @Path("/focus.csv")
    @Produces("text/csv")
    public String focus(@PathParam("period") String period) {
        return FocusExport.csv(closes.exportable(period).orElseThrow(() -> new IllegalStateException(
                period + " is not closed: only a closed month is exported")));
    }

    @POST
    @Path("/corrections")
    public PeriodClose correct(@PathParam("period") String period, CloseRequest request) {
        return closes.correct(period, request);
    }

    @POST
    @Path("/republish")
    @Consumes(MediaType.WILDCARD) // no body
    public PeriodClose republish(@PathParam("period") String period) {
        return closes.republish(period);
    }

    @POST
    @Path("/disputes")
    public DisputeService.Dispute dispute(@PathParam("period") String period, DisputeService.DisputeRequest request) {
        return disputes.raise(period, request);
    }

    @PUT
    @Path("/disputes/{id}")
    public DisputeService.Dispute resolve(@PathParam("period") String period, @PathParam("id") long id,
            DisputeService.DisputeRequest request) {
        return disputes.resolve(period, id, request);
    }

    @GET
    @Path("/disputes")
    public List<DisputeService.Dispute> disputes(@PathParam("period") String period) {
        return disputes.list(period);
    }
}
