package io.lcpr.chargeback.allocation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A period's allocation: {@code GET .../modes} every mode side by side with the variance per team; {@code PUT
 * .../policy} the platform owner's choice of mode and options, recorded with who chose it.
 */
@Path("/api/chargeback/periods/{period}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {
    private final ModeService modes;
    private final PolicyService policies;

    public PeriodResource(ModeService modes, PolicyService policies) {
        this.modes = modes;
        this.policies = policies;
    }

    @GET
    @Path("/modes")
    public ModeComparisonView modes(@PathParam("period") String period) {
        return modes.compare(period);
    }

    @PUT
    @Path("/policy")
    public PolicyService.Choice choose(@PathParam("period") String period, PolicyRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with mode and chosen_by is required");
        }
        return policies.choose(period, request);
    }

    @GET
    @Path("/policy")
    public PolicyService.Choice policy(@PathParam("period") String period) {
        return policies.inForce(period);
    }
}
