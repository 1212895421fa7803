package io.lcpr.pricing.contract;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/pricing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ContractResource {
    private final ContractService service;

    public ContractResource(ContractService service) {
        this.service = service;
    }

    @POST
    @Path("/contracts")
    public Response add(ContractService.ContractRequest request) {
        return Response.status(Response.Status.CREATED).entity(service.add(request)).build();
    }

    @GET
    @Path("/contracts")
    public List<ProviderContract> contracts() {
        return ProviderContract.listAll();
    }

    @POST
    @Path("/revenue-terms")
    public Response add(ContractService.RevenueRequest request) {
        return Response.status(Response.Status.CREATED).entity(service.add(request)).build();
    }

    @GET
    @Path("/revenue-terms")
    public List<RevenueTerm> revenueTerms() {
        return RevenueTerm.listAll();
    }
}
