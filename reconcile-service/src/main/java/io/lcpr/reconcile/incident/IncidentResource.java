package io.lcpr.reconcile.incident;

import java.util.UUID;


import io.lcpr.events.IncidentV1;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Incidents: declare (201, costed), update or close ({@code "close": true}), read as costed now. */
@Path("/api/incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    private final IncidentService incidents;

    public IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @POST
    public Response declare(IncidentRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with name, category, workloads and started_at is required");
        }
        return Response.status(Response.Status.CREATED).entity(incidents.declare(request)).build();
    }

    @PUT
    @Path("/{id}")
    public IncidentV1 update(@PathParam("id") UUID id, IncidentRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        return incidents.update(id, request);
    }

    @GET
    @Path("/{id}")
    public IncidentV1 get(@PathParam("id") UUID id) {
        return incidents.get(id);
    }
}
