package io.lcpr.graphql.projection;

import java.util.function.Predicate;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.events.AlertV1;
import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.InvalidEventException;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ModelAliasV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TeamAllocationV1;
import io.lcpr.events.TeamV1;
import io.lcpr.events.WorkloadRegisteredV1;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kafka adapter of the read models (consumer group graphql-api: the replicas split the partitions); transient
 * failures retried here, unreadable records dead-lettered by the channel policy ({@code graphql-api.dlq}).
 * Subscriptions are fed by AnnounceConsumer, which every replica runs over every partition.
 */
@ApplicationScoped
public class ProjectionConsumer {
    private final ProjectionService service;

    public ProjectionConsumer(ProjectionService service) {
        this.service = service;
    }

    @Incoming("lcpr")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onLcpr(String payload) {
        apply(EventJson.read(payload, LcprComputedV1.class), service::project);
    }

    @Incoming("allocations")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAllocation(String payload) {
        apply(EventJson.read(payload, TeamAllocationV1.class), service::project);
    }

    @Incoming("reconciliations")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onReconciliation(String payload) {
        apply(EventJson.read(payload, ReconciliationCompletedV1.class), service::project);
    }

    @Incoming("teams")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onTeam(String payload) {
        apply(EventJson.read(payload, TeamV1.class), service::project);
    }

    @Incoming("workloads")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onWorkload(String payload) {
        apply(EventJson.read(payload, WorkloadRegisteredV1.class), service::project);
    }

    @Incoming("incidents")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onIncident(String payload) {
        apply(EventJson.read(payload, IncidentV1.class), service::project);
    }

    @Incoming("alerts")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAlert(String payload) {
        apply(EventJson.read(payload, AlertV1.class), service::project);
    }

    @Incoming("budgets")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onBudget(String payload) {
        apply(EventJson.read(payload, BudgetV1.class), service::project);
    }

    @Incoming("baselines")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onBaseline(String payload) {
        apply(EventJson.read(payload, BaselineCapturedV1.class), service::project);
    }

    @Incoming("prices")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onPrice(String payload) {
        apply(EventJson.read(payload, PricingSnapshotV1.class), service::project);
    }

    @Incoming("aliases")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAlias(String payload) {
        apply(EventJson.read(payload, ModelAliasV1.class), service::project);
    }

    private <T> void apply(T event, Predicate<T> project) {
        project.test(event); // false: seen before, nothing to do
    }
}
