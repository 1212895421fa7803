package io.lcpr.reconcile.incident;

import java.util.Collections;
import java.util.UUID;

import io.lcpr.delivery.access.TeamAccess;
import io.lcpr.events.IncidentV1;
import io.lcpr.reconcile.workload.WorkloadService;
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
    private final TeamAccess access;
    private final WorkloadService workloads;

    public IncidentResource(IncidentService incidents, TeamAccess access, WorkloadService workloads) {
        this.incidents = incidents;
        this.access = access;
        this.workloads = workloads;
    }

    @POST
    public Response declare(IncidentRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with name, category, workloads and started_at is required");
        }
        if (access.heldTo().isPresent() && request.workloads() != null) { // a team member declares on its own
            for (String workload : request.workloads()) {
                access.requireTeams(Collections.singletonList(workloads.ownerTeam(workload)),
                        "workload '" + workload + "'");
            }
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
