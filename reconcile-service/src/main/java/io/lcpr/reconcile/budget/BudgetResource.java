package io.lcpr.reconcile.budget;

import java.util.List;


import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Budgets: define one, read where each stands (spend, expected by now, burn-down, projected end-of-period spend). */
@Path("/api/budgets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BudgetResource {
    private final BudgetService budgets;

    public BudgetResource(BudgetService budgets) {
        this.budgets = budgets;
    }

    @PUT
    @Path("/{name}")
    public BudgetEntity define(@PathParam("name") String name, BudgetRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with scope_kind, scope, period and amount is required");
        }
        return budgets.define(name, request);
    }

    @GET
    public List<BudgetPace> all() {
        return budgets.paces(null);
    }

    @GET
    @Path("/{name}")
    public BudgetPace one(@PathParam("name") String name) {
        return budgets.paces(name).stream().findFirst().orElseThrow(() -> new NotFoundException("no budget " + name));
    }
}
