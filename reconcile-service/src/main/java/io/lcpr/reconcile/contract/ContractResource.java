package io.lcpr.reconcile.contract;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lcpr.events.EventJson;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.reconcile.invoice.InvoiceRepository;
import io.lcpr.reconcile.pricing.ContractCopyEntity;
import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Committed-spend burn-down of a provider contract (received on pricing.contracts.v1) against its account's invoices. */
@Path("/api/contracts")
@Produces(MediaType.APPLICATION_JSON)
public class ContractResource {
    private final InvoiceRepository invoices;

    public ContractResource(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @GET
    @Path("/{id}/burn-down")
    public BurnDown.Result burnDown(@PathParam("id") UUID id, @QueryParam("as_of") String asOf) {
        ContractCopyEntity copy = ContractCopyEntity.<ContractCopyEntity> findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no contract " + id + " received from pricing-service"));
        ProviderContractV1 contract = EventJson.read(copy.event, ProviderContractV1.class);
        List<BurnDown.InvoicedPeriod> billed = invoices.billedByPeriod(contract.provider(), contract.billingAccount())
                .stream().map(i -> new BurnDown.InvoicedPeriod(Period.parse(i.period()).start(), i.billed())).toList();
        try {
            return BurnDown.compute(contract, billed, asOf == null ? Instant.now() : Instant.parse(asOf));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
