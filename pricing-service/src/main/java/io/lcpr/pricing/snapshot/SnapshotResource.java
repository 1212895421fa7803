package io.lcpr.pricing.snapshot;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.events.EventJson;
import io.lcpr.price.PriceHistory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * New versions of the price history: one entry (its fields at the top level) or many
 * ({@code {"source", "changed_by", "entries": [...]}}). 201 with the version, 200 when the same content was
 * stored before, 400 naming every problem.
 */
@Path("/api/pricing/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
    private final SnapshotService service;

    public SnapshotResource(SnapshotService service) {
        this.service = service;
    }

    /** A multi-entry version. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VersionRequest(String source, String changedBy, List<EntryDraft> entries) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(JsonNode body) {
        VersionRequest request;
        if (body.has("entries")) {
            request = EventJson.MAPPER.convertValue(body, VersionRequest.class);
        } else {
            EntryDraft entry = EventJson.MAPPER.convertValue(body, EntryDraft.class);
            request = new VersionRequest(body.path("source").asText("api"), body.path("changed_by").asText(null),
                    List.of(entry));
        }
        if (request.entries() == null || request.entries().isEmpty()) {
            throw new BadRequestException("entries: at least one entry is required");
        }
        VersionResult result = service.addVersion(request.source() == null ? "api" : request.source(),
                request.changedBy(), request.entries(), List.of(), true, null);
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK).entity(result).build();
    }

    /** The effective history of one key: per start, the newest version's statement. */
    @GET
    public List<PriceHistory.Entry> history(@QueryParam("provider") String provider, @QueryParam("model") String model,
            @QueryParam("tier") String tier, @QueryParam("region") String region) {
        if (provider == null || model == null) {
            throw new BadRequestException("provider and model query parameters are required");
        }
        PriceHistory history = new PriceHistory();
        PriceEntry.<PriceEntry> list("provider = ?1 and model = ?2", provider.toLowerCase(java.util.Locale.ROOT), model)
                .forEach(e -> history.add(e.toEntry()));
        return history.effective(provider.toLowerCase(java.util.Locale.ROOT), model, tier == null ? "standard" : tier,
                region == null ? "" : region);
    }

    @ServerExceptionMapper
    public Response refused(InvalidSnapshotException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("errors", e.problems())).build();
    }

    @ServerExceptionMapper
    public Response unreadable(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("errors", List.of(e.getMessage()))).build();
    }
}
