package io.lcpr.reconcile.invoice.pull;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/invoices/pull-accounts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ProviderPullResource {
    private final ProviderPullService service;

    public ProviderPullResource(ProviderPullService service) {
        this.service = service;
    }

    /** Body {provider, api (openai|anthropic), base_url, billing_account, credential_ref (env:NAME or config:key)}. */
    @PUT
    @Path("/{name}")
    public PullAccountEntity define(@PathParam("name") String name, ProviderPullService.AccountRequest request) {
        return service.define(name, request);
    }

    /** Each account with its last pull's time, status and error. */
    @GET
    public List<PullAccountEntity> accounts() {
        return service.accounts();
    }

    /** Body {"period": "2026-04"}: pulls the account's reports for the period (to now) at once and imports them. */
    @POST
    @Path("/{name}/pulls")
    public ProviderPullService.PullResult pull(@PathParam("name") String name, Map<String, String> body) {
        return service.pull(name, Period.fromRequest(body.get("period")));
    }

    @ServerExceptionMapper
    public Response failed(IllegalStateException e) {
        return Response.status(Response.Status.BAD_GATEWAY).entity(Map.of("error", e.getMessage())).build();
    }
}
