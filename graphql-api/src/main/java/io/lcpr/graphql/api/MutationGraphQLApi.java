package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.owner.OwnerException;
import io.lcpr.graphql.owner.Owners;

/**
 * Mutations, each forwarded to the service that owns what it changes; the answer is the owner's, a refusal its
 * message with a code (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CONFLICT, OWNER_UNAVAILABLE). The read models catch up from the
 * events the owner publishes.
 */
@GraphQLApi
public class MutationGraphQLApi {
    private final Owners owners;
    private final Access access;

    public MutationGraphQLApi(Owners owners, Access access) {
        this.owners = owners;
        this.access = access;
    }

    @Input("IncidentInput")
    @Description("An incident as declared: category one of model_behavior_change, prompt_regression,"
            + " cache_regression, capacity, quality_drift; instants in ISO-8601")
    public record IncidentInput(@NonNull String name, @NonNull String category, @NonNull List<String> workloads,
            @NonNull String startedAt, String detectedAt, String mitigatedAt, String resolvedAt, Integer baselineHours,
            BigDecimal engineeringHours, BigDecimal engineeringRatePerHour, String preventiveActions) {
    }

    @Mutation
    @Description("Declares an incident at reconcile-service, which costs it and publishes it on incidents.v1")
    public Operations.Incident declareIncident(@NonNull IncidentInput incident) throws OwnerException {
        var visible = access.visibility();
        incident.workloads().forEach(visible::requireWorkload);
        Map<String, Object> body = new HashMap<>();
        body.put("name", incident.name());
        body.put("category", incident.category());
        body.put("workloads", incident.workloads());
        body.put("started_at", incident.startedAt());
        body.put("detected_at", incident.detectedAt());
        body.put("mitigated_at", incident.mitigatedAt());
        body.put("resolved_at", incident.resolvedAt());
        body.put("baseline_hours", incident.baselineHours());
        body.put("engineering_hours", incident.engineeringHours());
        body.put("engineering_rate_per_hour", incident.engineeringRatePerHour());
        body.put("preventive_actions", incident.preventiveActions());
        JsonNode answer = owners.reconcile("POST", "/api/incidents", body);
        return Operations.Incident.of(EventJson.MAPPER.convertValue(answer, IncidentV1.class));
    }

    @Description("A period's allocation policy as chargeback-service recorded it")
    public record Policy(String period, String mode, String chosenBy, String answer) {
    }

    @Mutation
    @Description("Chooses a period's allocation mode (uniform, proportional, weighted, hybrid) at chargeback-service")
    public Policy choosePolicy(@NonNull String period, @NonNull String mode, @NonNull String chosenBy, String basis,
            BigDecimal hybridFloor, BigDecimal reservePct) throws OwnerException {
        access.caller().requireSeesAll("choosing a period's allocation policy");
        Map<String, Object> body = new HashMap<>();
        body.put("mode", mode);
        body.put("chosen_by", chosenBy);
        body.put("basis", basis);
        body.put("hybrid_floor", hybridFloor);
        body.put("reserve_pct", reservePct);
        JsonNode answer = owners.chargeback("PUT", "/api/chargeback/periods/" + path(period) + "/policy", body);
        return new Policy(period, mode, chosenBy, answer.toString());
    }

    @Description("A closed period: its version, the run it froze, whether its statements were published, its teams")
    public record PeriodClosed(String period, int version, String runId, boolean published, List<String> teams,
            List<String> overridden) {
    }

    @Mutation
    @Description("Closes a month at chargeback-service, which checks ingest and reconcile first (CONFLICT names what"
            + " is missing); forceReason closes in spite of the checks and is recorded")
    public PeriodClosed closePeriod(@NonNull String period, @NonNull String by, String forceReason)
            throws OwnerException {
        access.caller().requireSeesAll("closing a period");
        Map<String, Object> body = new HashMap<>();
        body.put("by", by);
        body.put("force_reason", forceReason);
        JsonNode a = owners.chargeback("POST", "/api/chargeback/periods/" + path(period) + "/close", body);
        return new PeriodClosed(a.path("period").asText(), a.path("version").asInt(), a.path("runId").asText(null),
                a.path("published").asBoolean(), a.path("statements").findValuesAsText("team"),
                a.path("overridden").findValuesAsText(""));
    }

    @Description("A budget as defined; its burn-down follows on budgets.v1 (query budgets)")
    public record BudgetDefined(String name, String scopeKind, String scope, String period, BigDecimal amount,
            BigDecimal warnPct) {
    }

    @Mutation("setBudget") // named: a method called set... would otherwise be the field "budget"
    @Description("Defines or changes a budget at reconcile-service: scopeKind team, workload, project or api_key;"
            + " period daily or monthly")
    public BudgetDefined setBudget(@NonNull String name, @NonNull String scopeKind, @NonNull String scope,
            @NonNull String period, @NonNull BigDecimal amount, BigDecimal warnPct) throws OwnerException {
        access.visibility().requireScope(scopeKind, scope);
        Map<String, Object> body = new HashMap<>();
        body.put("scope_kind", scopeKind);
        body.put("scope", scope);
        body.put("period", period);
        body.put("amount", amount);
        body.put("warn_pct", warnPct);
        owners.reconcile("PUT", "/api/budgets/" + path(name), body);
        return new BudgetDefined(name, scopeKind, scope, period, amount, warnPct);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
