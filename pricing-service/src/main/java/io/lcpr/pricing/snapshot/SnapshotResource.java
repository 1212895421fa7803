package io.lcpr.pricing.snapshot;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/pricing/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
    private final SnapshotService service;

    public SnapshotResource(SnapshotService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(SnapshotRequest request) {
        return Response.status(Response.Status.CREATED).entity(service.add(request)).build();
    }

    @GET
    public List<PricingSnapshot> history(@QueryParam("provider") String provider, @QueryParam("model") String model) {
        if (provider == null || model == null) {
            throw new jakarta.ws.rs.BadRequestException("provider and model query parameters are required");
        }
        return service.history(provider, model);
    }

    @ServerExceptionMapper
    public Response refused(InvalidSnapshotException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("errors", e.problems())).build();
    }
}
