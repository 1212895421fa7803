package io.lcpr.chargeback.allocation;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/chargeback/allocations")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationResource {
    private final ChargebackService service;

    public AllocationResource(ChargebackService service) {
        this.service = service;
    }

    /** The latest run's allocations for a period and mode, one row per team (unknown bucket included). */
    @GET
    public List<TeamAllocationEntity> latest(@QueryParam("period") String period,
            @QueryParam("mode") @DefaultValue("proportional") String mode) {
        if (period == null) {
            throw new BadRequestException("period is required");
        }
        return service.latest(period, mode);
    }
}
