package io.lcpr.graphql.projection;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lcpr.delivery.OutlastsDatabaseOutage;
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
@OutlastsDatabaseOutage
public class ProjectionConsumer {
    private final ProjectionService service;

    public ProjectionConsumer(ProjectionService service) {
        this.service = service;
    }

    @Incoming("lcpr")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onLcpr(String payload) {
        service.project(EventJson.read(payload, LcprComputedV1.class));
    }

    @Incoming("allocations")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAllocation(String payload) {
        service.project(EventJson.read(payload, TeamAllocationV1.class));
    }

    @Incoming("reconciliations")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onReconciliation(String payload) {
        service.project(EventJson.read(payload, ReconciliationCompletedV1.class));
    }

    @Incoming("teams")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onTeam(String payload) {
        service.project(EventJson.read(payload, TeamV1.class));
    }

    @Incoming("workloads")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onWorkload(String payload) {
        service.project(EventJson.read(payload, WorkloadRegisteredV1.class));
    }

    @Incoming("incidents")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onIncident(String payload) {
        service.project(EventJson.read(payload, IncidentV1.class));
    }

    @Incoming("alerts")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAlert(String payload) {
        service.project(EventJson.read(payload, AlertV1.class));
    }

    @Incoming("budgets")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onBudget(String payload) {
        service.project(EventJson.read(payload, BudgetV1.class));
    }

    @Incoming("baselines")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onBaseline(String payload) {
        service.project(EventJson.read(payload, BaselineCapturedV1.class));
    }

    @Incoming("prices")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onPrice(String payload) {
        service.project(EventJson.read(payload, PricingSnapshotV1.class));
    }

    @Incoming("aliases")
    @Blocking
    @Retry(maxRetries = 5, delay = 500, abortOn = InvalidEventException.class)
    public void onAlias(String payload) {
        service.project(EventJson.read(payload, ModelAliasV1.class));
    }
}
