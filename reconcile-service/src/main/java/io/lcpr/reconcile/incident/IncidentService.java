package io.lcpr.reconcile.incident;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.IncidentV1;
import io.lcpr.events.Topics;
import io.lcpr.reconcile.reconciliation.SpendToDate;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.UnitWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Declares, updates and closes incidents, each time costing the incident from the folded data and publishing it on
 * incidents.v1 through the outbox. The window runs from the start to the mitigation (else the resolution, else the
 * hour of the latest call stored); costs are read by whole hours, so a window is taken to the hours it touches.
 */
@ApplicationScoped
public class IncidentService {
    static final String PRODUCER = "reconcile-service";
    public static final Set<String> CATEGORIES = Set.of("model_behavior_change", "prompt_regression", "cache_regression",
            "capacity", "quality_drift");

    private final UnitWindows repository;
    private final SpendToDate spend;
    private final PeriodUsageRepository usage;
    private final Outbox outbox;

    public IncidentService(UnitWindows repository, SpendToDate spend, PeriodUsageRepository usage, Outbox outbox) {
        this.repository = repository;
        this.spend = spend;
        this.usage = usage;
        this.outbox = outbox;
    }

    @Transactional
    public IncidentV1 declare(IncidentRequest r) {
        IncidentEntity e = new IncidentEntity();
        e.id = UUID.randomUUID();
        e.status = "declared";
        e.baselineHours = 168;
        e.engineeringHours = BigDecimal.ZERO;
        e.engineeringRate = BigDecimal.ZERO;
        apply(e, r, true);
        e.persist();
        return publish(e);
    }

    /** An incident opened by an alert rule's firing, on the workload it fired for, from the window's start. */
    @Transactional
    public IncidentV1 openFromAlert(String name, String category, String workload, Instant startedAt, UUID alertId) {
        return declare(new IncidentRequest(name, category, List.of(workload), alertId, startedAt, startedAt, null,
                null, null, null, null, null, null));
    }

    @Transactional
    public IncidentV1 update(UUID id, IncidentRequest r) {
        IncidentEntity e = IncidentEntity.<IncidentEntity> findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no incident " + id));
        apply(e, r, false);
        e.status = Boolean.TRUE.equals(r.close()) ? "closed" : "updated";
        return publish(e);
    }

    /** The incident as it stands, costed now. */
    @Transactional
    public IncidentV1 get(UUID id) {
        IncidentEntity e = IncidentEntity.<IncidentEntity> findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no incident " + id));
        return event(e);
    }

    private static void apply(IncidentEntity e, IncidentRequest r, boolean declaring) {
        List<String> problems = new ArrayList<>();
        if (r.name() != null) {
            e.name = r.name();
        }
        if (r.category() != null) {
            if (!CATEGORIES.contains(r.category())) {
                problems.add("category: '" + r.category() + "' is not one of " + CATEGORIES);
            }
            e.category = r.category();
        }
        if (r.workloads() != null) {
            if (r.workloads().isEmpty() || r.workloads().stream().anyMatch(w -> w == null || w.isBlank()
                    || w.contains(","))) {
                problems.add("workloads: name at least one workload, without commas");
            }
            e.workloads = String.join(",", r.workloads());
        }
        e.alertId = r.alertId() != null ? r.alertId() : e.alertId;
        e.startedAt = r.startedAt() != null ? r.startedAt() : e.startedAt;
        e.detectedAt = r.detectedAt() != null ? r.detectedAt() : e.detectedAt;
        e.mitigatedAt = r.mitigatedAt() != null ? r.mitigatedAt() : e.mitigatedAt;
        e.resolvedAt = r.resolvedAt() != null ? r.resolvedAt() : e.resolvedAt;
        if (r.baselineHours() != null) {
            if (r.baselineHours() < 1) {
                problems.add("baseline_hours: must be at least 1");
            }
            e.baselineHours = r.baselineHours();
        }
        if (r.engineeringHours() != null) {
            e.engineeringHours = r.engineeringHours();
        }
        if (r.preventiveActions() != null) {
            e.preventiveActions = r.preventiveActions();
        }
        if (r.engineeringRatePerHour() != null) {
            e.engineeringRate = r.engineeringRatePerHour();
        }
        if (e.engineeringHours.signum() < 0 || e.engineeringRate.signum() < 0) {
            problems.add("engineering_hours and engineering_rate_per_hour: must not be negative");
        }
        if (declaring && (e.name == null || e.category == null || e.workloads == null || e.startedAt == null)) {
            problems.add("name, category, workloads and started_at are required");
        }
        for (Instant later : new Instant[] { e.detectedAt, e.mitigatedAt, e.resolvedAt }) {
            if (later != null && e.startedAt != null && later.isBefore(e.startedAt)) {
                problems.add("detected_at, mitigated_at and resolved_at: not before started_at");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        e.updatedAt = Instant.now();
    }

    private IncidentV1 publish(IncidentEntity e) {
        IncidentV1 event = event(e);
        outbox.add(Topics.INCIDENTS, e.id.toString(), event);
        return event;
    }

    private IncidentV1 event(IncidentEntity e) {
        Instant from = e.startedAt.truncatedTo(ChronoUnit.HOURS);
        Instant end = e.mitigatedAt != null ? e.mitigatedAt : e.resolvedAt != null ? e.resolvedAt
                : usage.latestStart().orElse(e.startedAt);
        Instant to = ceilHour(end.isAfter(e.startedAt) ? end : e.startedAt.plusSeconds(1));
        Instant baseFrom = from.minus(Duration.ofHours(e.baselineHours));
        List<String> workloads = e.workloadList();
        SpendToDate.Pass pass = spend.pass();
        IncidentCost.Window base = window(pass, workloads, baseFrom, from);
        IncidentCost.Window during = window(pass, workloads, from, to);
        IncidentCost cost = IncidentCost.of(base, during, e.engineeringHours, e.engineeringRate);
        return new IncidentV1(UUID.randomUUID(), Instant.now(), IncidentV1.SCHEMA_VERSION, PRODUCER, e.id, e.name,
                e.category, e.status, workloads, e.alertId, e.startedAt, e.detectedAt, e.mitigatedAt, e.resolvedAt,
                baseFrom, from, cost.baselineCostPerUnit(), cost.extraInference(), cost.extraHuman(),
                e.engineeringHours, cost.engineering(), cost.total(), during.requests(), during.units(),
                cost.lcprBefore(), cost.lcprDuring(), cost.lcprChangePct(), minutes(e.startedAt, e.detectedAt),
                minutes(e.detectedAt, e.mitigatedAt));
    }

    private IncidentCost.Window window(SpendToDate.Pass pass, List<String> workloads, Instant from, Instant to) {
        UnitWindows.Counts c = repository.counts(workloads, from, to);
        return new IncidentCost.Window(pass.inference(from, to, workloads), c.human(), c.units(), c.accepted(),
                c.requests());
    }

    private static Instant ceilHour(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(at) ? at : floor.plus(Duration.ofHours(1));
    }

    private static Long minutes(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMinutes();
    }
}
