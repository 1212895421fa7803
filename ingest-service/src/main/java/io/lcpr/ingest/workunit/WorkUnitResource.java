package io.lcpr.ingest.workunit;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.lcpr.delivery.access.TeamAccess;
import jakarta.ws.rs.ForbiddenException;
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
    private final TeamAccess access;

    public WorkUnitResource(WorkUnitService service, TeamAccess access) {
        this.service = service;
        this.access = access;
    }

    /** A team member reads a unit one of whose calls names one of its teams. */
    @GET
    @Path("/{id}")
    public WorkUnitChain chain(@PathParam("id") String id) {
        WorkUnitChain chain = service.chain(id)
                .orElseThrow(() -> new NotFoundException("no calls recorded for work unit " + id));
        access.heldTo().ifPresent(own -> {
            Set<String> teams = new TreeSet<>();
            chain.calls().stream().map(WorkUnitChain.Call::team).filter(Objects::nonNull).forEach(teams::add);
            if (teams.stream().noneMatch(own::contains)) {
                throw new ForbiddenException("work unit " + id + " belongs to " + (teams.isEmpty() ? "no team"
                        : "teams " + teams) + ", the token's teams are " + new TreeSet<>(own));
            }
        });
        return chain;
    }
}
