package io.lcpr.graphql.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.AlertV1;
import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.Topics;
import io.lcpr.graphql.api.Operations.Alert;
import io.lcpr.graphql.api.Operations.Incident;
import io.lcpr.graphql.access.Access;
import io.lcpr.graphql.access.Visibility;
import io.lcpr.graphql.owner.OwnerException;
import io.lcpr.graphql.owner.Owners;
import io.lcpr.graphql.projection.ProjectionService;

/** Incidents, alerts, budgets and baselines, from the topics reconcile-service publishes them on. */
@GraphQLApi
public class OperationsGraphQLApi {
    static final int MAX_PAGE = 200;
    private final ProjectionService projections;
    private final Access access;
    private final Owners owners;

    public OperationsGraphQLApi(ProjectionService projections, Access access, Owners owners) {
        this.projections = projections;
        this.access = access;
        this.owners = owners;
    }

    @Query
    @Description("Incidents that started in [from, to) (ISO instants), of a category, touching a workload; a page (a"
            + " team member: those touching its teams' workloads)")
    public Operations.IncidentConnection incidents(String from, String to, String category, String workload,
            @DefaultValue("50") int first, String after) {
        Visibility visible = access.visibility();
        if (workload != null) {
            visible.requireWorkload(workload);
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        List<Incident> all = projections.newestBySubject(Topics.INCIDENTS, workload, true, IncidentV1.class).stream()
                .filter(e -> visible.anyWorkload(e.workloads()))
                .filter(e -> (start == null || !e.startedAt().isBefore(start))
                        && (end == null || e.startedAt().isBefore(end))
                        && (category == null || category.equals(e.category())))
                .sorted(java.util.Comparator.comparing(IncidentV1::startedAt).thenComparing(IncidentV1::name))
                .map(Incident::of).toList();
        return page(all, first, after, Operations.IncidentEdge::new, Operations.IncidentConnection::new);
    }

    @Query
    @Description("A month's incidents (by start) per root-cause category: how many and what they cost (a team member:"
            + " the incidents touching its teams' workloads)")
    public List<Operations.IncidentCost> incidentCostSummary(@NonNull String period) {
        Visibility visible = access.visibility();
        Map<String, List<IncidentV1>> byCategory = new TreeMap<>();
        projections.newestBySubject(Topics.INCIDENTS, null, false, IncidentV1.class).stream()
                .filter(e -> e.startedAt().toString().startsWith(period) && visible.anyWorkload(e.workloads()))
                .forEach(e -> byCategory.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e));
        List<Operations.IncidentCost> out = new ArrayList<>();
        byCategory.forEach((c, list) -> out.add(new Operations.IncidentCost(c, list.size(),
                sum(list, IncidentV1::extraInferenceCost), sum(list, IncidentV1::extraHumanCost),
                sum(list, IncidentV1::engineeringCost), sum(list, IncidentV1::totalCost),
                list.stream().mapToLong(IncidentV1::requestsAffected).sum())));
        return out;
    }

    /** The credits of every incident of the answer: one query per month the incidents started in. */
    @Name("creditsGranted")
    @Description("What the incident reserve credited the affected teams for it (chargeback's statements of the month"
            + " it started in); null until that month is closed")
    public List<BigDecimal> creditsGranted(@Source List<Incident> incidents) {
        Set<String> months = new TreeSet<>();
        incidents.forEach(i -> months.add(i.startedAt().toString().substring(0, 7)));
        ProjectionService.Credits credits = projections.creditsGranted(months);
        return incidents.stream().map(i -> credits.granted().getOrDefault(UUID.fromString(i.id()),
                credits.closedMonths().contains(i.startedAt().toString().substring(0, 7)) ? BigDecimal.ZERO : null))
                .toList();
    }

    @Query
    @Description("Alerts as their latest event states them, by state (firing, resolved, warning, throttle) and scope;"
            + " a page")
    public Operations.AlertConnection alerts(String state, String scope, @DefaultValue("50") int first,
            String after) {
        Visibility visible = access.visibility();
        if (scope != null) {
            visible.requireScope(scope);
        }
        List<Alert> all = projections.newestBySubject(Topics.ALERTS, scope, false, AlertV1.class).stream()
                .filter(e -> visible.scope(e.dimension(), e.scope()))
                .filter(e -> state == null || state.equals(e.status()))
                .sorted(java.util.Comparator.comparing(AlertV1::at).thenComparing(e -> e.alertId().toString()))
                .map(Alert::of).toList();
        return page(all, first, after, Operations.AlertEdge::new, Operations.AlertConnection::new);
    }

    @Query
    @Description("Budgets (of a scope: a team, workload, project or API key) with their burn-down (a team member: its"
            + " teams' and their workloads')")
    public List<Operations.Budget> budgets(String scope) {
        Visibility visible = access.visibility();
        if (scope != null) {
            visible.requireScope(scope);
        }
        return projections.newestBySubject(Topics.BUDGETS, scope, false, BudgetV1.class).stream()
                .filter(e -> visible.scope(e.scopeKind(), e.scope())).map(Operations.Budget::of).toList();
    }

    @Query
    @Description("Baselines captured of a workload (a team member: of its teams' workloads)")
    public List<Operations.Baseline> baselines(String workload) {
        Visibility visible = access.visibility();
        if (workload != null) {
            visible.requireWorkload(workload);
        }
        return projections.newestBySubject(Topics.BASELINES, workload, false, BaselineCapturedV1.class).stream()
                .filter(e -> visible.workload(e.snapshot().workload())).map(Operations.Baseline::of).toList();
    }

    @Query
    @Description("Compares baseline a with baseline b, or with the workload now (b: \"now\", over a's length of time);"
            + " computed by reconcile-service, which holds the calls")
    public Operations.BaselineComparison compareBaseline(@NonNull String a, @NonNull String b) throws OwnerException {
        Visibility visible = access.visibility();
        JsonNode answer = owners.reconcile("GET", "/api/baselines/compare?a=" + query(a) + "&b=" + query(b), null);
        Operations.BaselineComparison comparison = EventJson.MAPPER.convertValue(answer,
                Operations.BaselineComparison.class);
        visible.requireWorkload(comparison.a().workload());
        visible.requireWorkload(comparison.b().workload());
        return comparison;
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static <N, E, C> C page(List<N> all, int first, String after, BiFunction<String, N, E> edge,
            PageFactory<E, C> connection) {
        if (first < 1 || first > MAX_PAGE) {
            throw new IllegalArgumentException("first: must be between 1 and " + MAX_PAGE + ", not " + first);
        }
        int start = Operations.after(after) + 1;
        List<E> edges = new ArrayList<>();
        for (int i = start; i < Math.min(all.size(), start + first); i++) {
            edges.add(edge.apply(Operations.cursor(i), all.get(i)));
        }
        int last = start + edges.size() - 1;
        return connection.of(edges, new Operations.PageInfo(edges.isEmpty() ? after : Operations.cursor(last),
                last + 1 < all.size()), all.size());
    }

    interface PageFactory<E, C> {
        C of(List<E> edges, Operations.PageInfo info, int total);
    }

    private static Instant instant(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not an ISO instant (2026-04-01T00:00:00Z)");
        }
    }

    private static BigDecimal sum(List<IncidentV1> list, java.util.function.Function<IncidentV1, BigDecimal> f) {
        return list.stream().map(f).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
