package io.lcpr.reconcile.usage;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
    private final UsageService usage;
    private final UsageRebuilds rebuilds;
    private final UsageConsumption consumption;

    public UsageResource(UsageService usage, UsageRebuilds rebuilds, UsageConsumption consumption) {
        this.usage = usage;
        this.rebuilds = rebuilds;
        this.consumption = consumption;
    }

    /** What reconcile-service has received: calls started in the period, outcomes, price versions, consumer lag. */
    @GET
    public UsageService.UsageSummary usage(@QueryParam("period") String period) {
        return usage.summary(Period.fromRequest(period));
    }

    /** Body {"period": "2026-04"}: rebuilds the period's folded data from the stored calls; 202 with its Location. */
    @POST
    @Path("/rebuilds")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rebuild(Map<String, String> body) {
        UsageRebuilds.Rebuild r = rebuilds.start(Period.fromRequest(body.get("period")));
        return Response.accepted(r).location(URI.create("/api/usage/rebuilds/" + r.id())).build();
    }

    @GET
    @Path("/rebuilds/{id}")
    public UsageRebuilds.Rebuild rebuild(@PathParam("id") UUID id) {
        return rebuilds.find(id).orElseThrow(() -> new NotFoundException("no rebuild " + id));
    }

    /** Whether this instance's consumption of traces and outcomes is paused. */
    @GET
    @Path("/consumption")
    public UsageConsumption.State consumption() {
        return consumption.state();
    }

    /** Body {"paused": true} or {"paused": false}: pauses or resumes this instance's consumption of both topics. */
    @PUT
    @Path("/consumption")
    @Consumes(MediaType.APPLICATION_JSON)
    public UsageConsumption.State consumption(Map<String, Boolean> body) {
        Boolean paused = body == null ? null : body.get("paused");
        if (paused == null) {
            throw new BadRequestException("body: {\"paused\": true} or {\"paused\": false}");
        }
        return consumption.set(paused);
    }
}
