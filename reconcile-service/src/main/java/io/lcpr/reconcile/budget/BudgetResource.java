package io.lcpr.reconcile.budget;

import java.util.Collections;
import java.util.List;

import io.lcpr.delivery.access.TeamAccess;
import io.lcpr.reconcile.workload.WorkloadService;
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
    private final TeamAccess access;
    private final WorkloadService workloads;

    public BudgetResource(BudgetService budgets, TeamAccess access, WorkloadService workloads) {
        this.budgets = budgets;
        this.access = access;
        this.workloads = workloads;
    }

    @PUT
    @Path("/{name}")
    public BudgetEntity define(@PathParam("name") String name, BudgetRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with scope_kind, scope, period and amount is required");
        }
        if (access.heldTo().isPresent()) { // a team member budgets its own team or one of its workloads
            String team = switch (String.valueOf(request.scopeKind())) {
                case "team" -> request.scope();
                case "workload" -> workloads.ownerTeam(request.scope());
                default -> null; // a provider, model, project or API key is no team's
            };
            access.requireTeams(Collections.singletonList(team), "the " + request.scopeKind() + " scope '"
                    + request.scope() + "'");
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
