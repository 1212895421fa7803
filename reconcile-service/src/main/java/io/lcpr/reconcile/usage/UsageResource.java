package io.lcpr.reconcile.usage;

import io.lcpr.reconcile.period.Period;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
    private final UsageService usage;

    public UsageResource(UsageService usage) {
        this.usage = usage;
    }

    /** What reconcile-service has received: calls started in the period, outcomes and price versions overall. */
    @GET
    public UsageService.UsageSummary usage(@QueryParam("period") String period) {
        return usage.summary(Period.fromRequest(period));
    }
}
