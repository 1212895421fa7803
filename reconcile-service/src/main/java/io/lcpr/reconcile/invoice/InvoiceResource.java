package io.lcpr.reconcile.invoice;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/invoices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {
    private final InvoiceService service;

    public InvoiceResource(InvoiceService service) {
        this.service = service;
    }

    @POST
    public InvoiceEntity record(InvoiceService.InvoiceRequest request) {
        return service.record(request);
    }
}
