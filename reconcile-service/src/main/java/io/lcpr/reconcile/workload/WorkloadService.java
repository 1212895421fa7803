package io.lcpr.reconcile.workload;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.Topics;
import io.lcpr.events.WorkloadRegisteredV1;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.usage.UnitJudgements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;

@ApplicationScoped
public class WorkloadService {
    private static final Logger LOG = Logger.getLogger(WorkloadService.class);

    private final UnitJudgements judgements;
    private final Outbox outbox;

    public WorkloadService(UnitJudgements judgements, Outbox outbox) {
        this.judgements = judgements;
        this.outbox = outbox;
    }

    /**
     * Sets a workload's acceptance rule and registry entry; when the rule changed, the workload's units are judged
     * again under it in the same transaction (one statement over the workload's units, every period). The entry is
     * published on workloads.v1 through the outbox, in the same transaction.
     */
    /** The team that owns a workload in the registry, null for a workload no one registered or owns. */
    public String ownerTeam(String workload) {
        WorkloadSettingsEntity e = workload == null ? null : WorkloadSettingsEntity.findById(workload);
        return e == null ? null : e.ownerTeam;
    }

    @Transactional
    public WorkloadSettingsEntity define(String name, WorkloadRequests.Settings s) {
        nonNegative("ttft_slo_ms", s.ttftSloMs());
        nonNegative("e2e_slo_ms", s.e2eSloMs());
        nonNegative("slo_tolerance_ms", s.sloToleranceMs());
        if (s.workloadClass() != null && !WorkloadClasses.ALL.contains(s.workloadClass())) {
            throw new BadRequestException("workload_class: '" + s.workloadClass() + "' is not one of "
                    + WorkloadClasses.ALL);
        }
        if (s.serves() != null && !s.serves().isEmpty() && !WorkloadClasses.EVAL_RUN.equals(s.workloadClass())) {
            throw new BadRequestException("serves: only an eval_run workload serves others");
        }
        WorkloadSettingsEntity e = WorkloadSettingsEntity.<WorkloadSettingsEntity> findByIdOptional(name)
                .orElseGet(WorkloadSettingsEntity::new);
        List<Object> before = e.name == null ? null : rule(e); // no row: the default rule
        e.name = name;
        e.ttftSloMs = s.ttftSloMs();
        e.e2eSloMs = s.e2eSloMs();
        e.sloToleranceMs = s.sloToleranceMs() == null ? 0 : s.sloToleranceMs();
        e.evalRequired = s.evalRequired() == null || s.evalRequired();
        e.humanSignoffAccepted = s.humanSignoffAccepted() != null && s.humanSignoffAccepted();
        e.workloadClass = s.workloadClass();
        e.unitName = s.unitName();
        e.ownerTeam = s.ownerTeam();
        e.serves = s.serves() == null || s.serves().isEmpty() ? null : String.join(",", s.serves());
        e.persist();
        outbox.add(Topics.WORKLOADS, name, new WorkloadRegisteredV1(UUID.randomUUID(), Instant.now(),
                WorkloadRegisteredV1.SCHEMA_VERSION, "reconcile-service", name, e.workloadClass, e.unitName,
                e.ownerTeam, e.ttftSloMs, e.e2eSloMs, e.sloToleranceMs, e.evalRequired, e.humanSignoffAccepted,
                e.servedWorkloads()));
        if (!rule(e).equals(before)) {
            WorkloadSettingsEntity.flush();
            int moved = judgements.rejudgeWorkload(name);
            LOG.infof("workload %s: acceptance rule changed, %d work units judged differently", name, moved);
        }
        return e;
    }

    private static List<Object> rule(WorkloadSettingsEntity e) {
        return Arrays.asList(e.ttftSloMs, e.e2eSloMs, e.sloToleranceMs, e.evalRequired, e.humanSignoffAccepted);
    }

    @Transactional
    public PeriodCostInputEntity costs(String workload, String period, WorkloadRequests.Costs c) {
        Period.parse(period);
        PeriodCostInputEntity.Key key = new PeriodCostInputEntity.Key(period, workload);
        PeriodCostInputEntity e = PeriodCostInputEntity.<PeriodCostInputEntity> findByIdOptional(key)
                .orElseGet(PeriodCostInputEntity::new);
        e.key = key;
        e.evalOtherCost = amount("eval_other_cost", c.evalOtherCost());
        e.humanCostPerCase = amount("human_cost_per_case", c.humanCostPerCase());
        e.humanReviewCost = amount("human_review_cost", c.humanReviewCost());
        e.opsCost = amount("ops_cost", c.opsCost());
        e.reviewRatePerHour = amount("review_rate_per_hour", c.reviewRatePerHour());
        e.opsShareOfTeam = c.opsShareOfTeam() == null || c.opsShareOfTeam().isBlank() ? null : c.opsShareOfTeam();
        e.persist();
        return e;
    }

    @Transactional
    public TeamOpsCostEntity teamOpsCost(String team, String period, WorkloadRequests.TeamOpsCost c) {
        Period.parse(period);
        TeamOpsCostEntity.Key key = new TeamOpsCostEntity.Key(team, period);
        TeamOpsCostEntity e = TeamOpsCostEntity.<TeamOpsCostEntity> findByIdOptional(key)
                .orElseGet(TeamOpsCostEntity::new);
        e.key = key;
        e.amount = amount("amount", c.amount());
        e.persist();
        return e;
    }

    private static BigDecimal amount(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new BadRequestException(field + " must not be negative, got " + value.toPlainString());
        }
        return value == null ? BigDecimal.ZERO : value;
    }

    private static void nonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new BadRequestException(field + " must not be negative, got " + value);
        }
    }
}
