package io.lcpr.pricing.alias;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Exact model aliases; the dated-suffix and provider-prefix rules need no entries (ModelNames). */
@Path("/api/pricing/aliases")
@Produces(MediaType.APPLICATION_JSON)
public class AliasResource {
    private final AliasService service;

    public AliasResource(AliasService service) {
        this.service = service;
    }

    /** {@code alias} of {@code provider} is priced as {@code model}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AliasRequest(String provider, String alias, String model) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelAlias define(AliasRequest r) {
        return service.define(r.provider(), r.alias(), r.model());
    }

    @GET
    public List<ModelAlias> all() {
        return service.all();
    }
}
