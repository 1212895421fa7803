package io.lcpr.ingest.workunit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/work-units")
@Produces(MediaType.APPLICATION_JSON)
public class WorkUnitResource {
    private final WorkUnitService service;

    public WorkUnitResource(WorkUnitService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}")
    public WorkUnitChain chain(@PathParam("id") String id) {
        return service.chain(id).orElseThrow(() -> new NotFoundException("no calls recorded for work unit " + id));
    }
}
