package io.lcpr.chargeback.transfer;

import java.util.Collection;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Shared prefixes, adapters and dedicated endpoints: {@code PUT /api/chargeback/assets/{kind}/{ref}} registers one
 * with its owner (and an adapter's training cost, an endpoint's capacity and cost); GET lists them.
 */
@Path("/api/chargeback/assets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {
    private final AssetService assets;

    public AssetResource(AssetService assets) {
        this.assets = assets;
    }

    @PUT
    @Path("/{kind}/{ref}")
    public Asset define(@PathParam("kind") String kind, @PathParam("ref") String ref,
            AssetService.AssetRequest request) {
        return assets.define(kind, ref, request);
    }

    @GET
    public Collection<Asset> all() {
        return assets.all().values();
    }
}
