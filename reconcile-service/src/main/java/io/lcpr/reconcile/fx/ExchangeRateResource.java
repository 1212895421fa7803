package io.lcpr.reconcile.fx;

import java.util.List;
import java.util.Map;


import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/exchange-rates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ExchangeRateResource {
    private final ExchangeRateService service;

    public ExchangeRateResource(ExchangeRateService service) {
        this.service = service;
    }

    /** Body {"usd_per_unit": 1.08}: the currency's rate into USD from that UTC day until the next one. */
    @PUT
    @Path("/{currency}/{effectiveFrom}")
    public ExchangeRateEntity record(@PathParam("currency") String currency,
            @PathParam("effectiveFrom") String effectiveFrom, Map<String, java.math.BigDecimal> body) {
        return service.record(currency, effectiveFrom, body == null ? null : body.get("usd_per_unit"));
    }

    @GET
    public List<ExchangeRateEntity> list() {
        return service.list();
    }
}
