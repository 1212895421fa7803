package io.lcpr.chargeback.team;

import java.util.List;

import io.lcpr.events.TeamV1;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The team registry: {@code PUT /api/teams/{name}} adds a version from a month on; GET lists teams and versions. */
@Path("/api/teams")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {
    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @PUT
    @Path("/{name}")
    public TeamV1 define(@PathParam("name") String name, TeamRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with seats is required");
        }
        return teams.define(name, request);
    }

    @GET
    public List<TeamV1> all() {
        return teams.all();
    }
}
