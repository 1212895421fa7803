package io.lcpr.reconcile.alert;

import java.util.List;


import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Alert rules: {@code PUT /api/alert-rules/{name}} defines one (AlertRuleRequest), GET lists, DELETE removes. */
@Path("/api/alert-rules")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertRuleResource {
    private final AlertRuleService rules;
    private final AlertService alerts;

    public AlertRuleResource(AlertRuleService rules, AlertService alerts) {
        this.rules = rules;
        this.alerts = alerts;
    }

    @PUT
    @Path("/{name}")
    public AlertRuleEntity define(@PathParam("name") String name, AlertRuleRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a JSON body with metric, dimension and threshold is required");
        }
        return rules.define(name, request);
    }

    @GET
    public List<AlertRuleEntity> list() {
        return alerts.rules();
    }

    @DELETE
    @Path("/{name}")
    public void delete(@PathParam("name") String name) {
        if (!rules.delete(name)) {
            throw new NotFoundException("no alert rule " + name);
        }
    }

    /** A webhook {@code {"url", "rules"}} (rules: the names whose alerts it receives; absent: all). */
    @PUT
    @Path("/webhooks/{name}")
    public List<AlertWebhooks.Webhook> webhook(@PathParam("name") String name, WebhookRequest request) {
        return rules.defineWebhook(name, request);
    }

    /** Deliveries, newest first ({@code pending=true}: those not delivered yet, with their last error). */
    @GET
    @Path("/deliveries")
    public List<AlertWebhooks.Delivery> deliveries(@jakarta.ws.rs.QueryParam("pending") boolean pending) {
        return rules.deliveries(pending);
    }

    public record WebhookRequest(String url, List<String> rules) {
    }
}
