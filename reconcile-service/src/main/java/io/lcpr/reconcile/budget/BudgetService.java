package io.lcpr.reconcile.budget;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.AlertV1;
import io.lcpr.events.BudgetV1;
import io.lcpr.events.Topics;
import io.lcpr.reconcile.lcpr.CostSlice;
import io.lcpr.reconcile.reconciliation.SpendToDate;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Budgets: each pass prices each budget's period to date (the hours up to the latest call stored: event time, like
 * the alerts) at the contract rates, and publishes on alerts.v1, once per budget and period, a warning when the spend
 * reaches the budget's warning share and a throttle signal, until the period's end, when it reaches the budget.
 */
@ApplicationScoped
public class BudgetService {
    static final String PRODUCER = "reconcile-service";
    static final Set<String> SCOPES = Set.of("team", "workload", "project", "api_key");
    private static final Logger LOG = Logger.getLogger(BudgetService.class);
    private static final String BASIS = "spend to date against the budget prorated to the elapsed part of the period";

    private final SpendToDate spend;
    private final PeriodUsageRepository usage;
    private final Outbox outbox;
    private final EntityManager em;

    public BudgetService(SpendToDate spend, PeriodUsageRepository usage, Outbox outbox, EntityManager em) {
        this.spend = spend;
        this.usage = usage;
        this.outbox = outbox;
        this.em = em;
    }

    @Transactional
    public BudgetEntity define(String name, BudgetRequest r) {
        List<String> problems = new ArrayList<>();
        String kind = r.scopeKind() == null ? null : r.scopeKind().trim().toLowerCase(Locale.ROOT);
        if (kind == null || !SCOPES.contains(kind)) {
            problems.add("scope_kind: '" + r.scopeKind() + "' is not team, workload, project or api_key");
        }
        if (r.scope() == null || r.scope().isBlank()) {
            problems.add("scope: is required");
        }
        String period = r.period() == null ? "monthly" : r.period().trim().toLowerCase(Locale.ROOT);
        if (!period.equals("daily") && !period.equals("monthly")) {
            problems.add("period: '" + r.period() + "' is not daily or monthly");
        }
        if (r.amount() == null || r.amount().signum() <= 0) {
            problems.add("amount: must be a positive amount of USD");
        }
        BigDecimal warn = r.warnPct() == null ? BigDecimal.valueOf(80) : r.warnPct();
        if (warn.signum() <= 0 || warn.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add("warn_pct: must be above 0 and at most 100");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        BudgetEntity b = BudgetEntity.<BudgetEntity> findByIdOptional(name).orElseGet(BudgetEntity::new);
        b.name = name;
        b.scopeKind = kind;
        b.scope = r.scope();
        b.periodKind = period;
        b.amount = r.amount();
        b.warnPct = warn;
        b.updatedAt = Instant.now();
        b.persist();
        state(b, usage.latestStart().map(latest -> pace(b, latest, spend.pass())).orElse(null));
        return b;
    }

    @Scheduled(every = "${reconcile.budgets.every.s:300}s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        evaluate();
    }

    /** One pass over every budget; returns the signals published (warnings and throttles). */
    @Transactional
    public int evaluate() {
        Optional<Instant> latest = usage.latestStart();
        if (latest.isEmpty()) {
            return 0;
        }
        int published = 0;
        SpendToDate.Pass priced = spend.pass();
        for (BudgetEntity b : BudgetEntity.<BudgetEntity> find("order by name")
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list()) {
            BudgetPace pace = pace(b, latest.get(), priced);
            Instant[] said = said(b.name, pace.periodStart());
            if (pace.warn() && said[0] == null) {
                publish(b, pace, AlertV1.WARN);
                published++;
            }
            if (pace.exceeded() && said[1] == null) {
                publish(b, pace, AlertV1.THROTTLE);
                published++;
            }
            if (pace.warn() || pace.exceeded()) {
                remember(b.name, pace, said);
            }
            if (!pace.periodStart().equals(b.publishedPeriodStart) || b.publishedSpent == null
                    || cents6(pace.spent()).compareTo(b.publishedSpent) != 0) {
                state(b, pace);
            }
        }
        return published;
    }

    /** Where each budget stands now. */
    @Transactional
    public List<BudgetPace> paces(String name) {
        Optional<Instant> latest = usage.latestStart();
        List<BudgetPace> out = new ArrayList<>();
        SpendToDate.Pass priced = spend.pass();
        List<BudgetEntity> budgets = name == null ? BudgetEntity.listAll()
                : BudgetEntity.<BudgetEntity> findByIdOptional(name).map(List::of).orElse(List.of());
        for (BudgetEntity b : budgets) {
            out.add(pace(b, latest.orElse(Instant.now()), priced));
        }
        return out;
    }

    private static BudgetPace pace(BudgetEntity b, Instant latest, SpendToDate.Pass priced) {
        Instant[] period = BudgetPace.period(b.periodKind, latest);
        Instant to = latest.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant until = to.isAfter(period[1]) ? period[1] : to;
        BigDecimal spent = b.scopeKind.equals("api_key") ? priced.costOfKey(b.scope, period[0], until)
                : priced.slices(period[0], until).stream().filter(s -> b.scope.equals(scopeOf(b.scopeKind, s)))
                        .map(CostSlice::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        return BudgetPace.of(period[0], period[1], latest, b.amount, b.warnPct, spent);
    }

    private static String scopeOf(String kind, CostSlice s) {
        return switch (kind) {
        case "team" -> s.team();
        case "workload" -> s.workload();
        default -> s.projectId();
        };
    }

    private void publish(BudgetEntity b, BudgetPace pace, String action) {
        boolean throttle = action.equals(AlertV1.THROTTLE);
        BigDecimal threshold = throttle ? b.amount : b.amount.multiply(b.warnPct).movePointLeft(2);
        AlertV1 event = new AlertV1(UUID.randomUUID(), Instant.now(), AlertV1.SCHEMA_VERSION, PRODUCER,
                UUID.randomUUID(), "budget:" + b.name, "spend", b.scopeKind, b.scope, AlertV1.FIRED,
                pace.spent().setScale(6, java.math.RoundingMode.HALF_UP), threshold, "above", pace.periodStart(),
                pace.at(), pace.at(), "/api/budgets/" + b.name, pace.expected(), pace.pace(), BASIS, action,
                throttle ? pace.periodEnd() : null);
        outbox.add(Topics.ALERTS, event.key(), event);
        LOG.infof("budget %s (%s %s): %s at %s of %s, %s", b.name, b.scopeKind, b.scope, action, pace.spent(),
                b.amount, throttle ? "throttle until " + pace.periodEnd() : "warning");
    }

    /** The budget and where it stands, on the compacted budgets.v1 (what GraphQL reads). */
    private void state(BudgetEntity b, BudgetPace pace) {
        BudgetV1.Status status = pace == null ? null : new BudgetV1.Status(pace.periodStart(), pace.periodEnd(),
                pace.at(), cents6(pace.spent()), pace.expected(), pace.remaining()
                        .setScale(6, java.math.RoundingMode.HALF_UP), pace.projected(), pace.pace(),
                pace.exceeded() ? "exceeded" : pace.warn() ? "warning" : "ok");
        outbox.add(Topics.BUDGETS, b.name, new BudgetV1(UUID.randomUUID(), Instant.now(), BudgetV1.SCHEMA_VERSION,
                PRODUCER, b.name, b.scopeKind, b.scope, b.periodKind, b.amount, "USD", b.warnPct, status));
        b.publishedSpent = pace == null ? null : cents6(pace.spent());
        b.publishedPeriodStart = pace == null ? null : pace.periodStart();
    }

    /** An amount as the budget table keeps it (six decimals). */
    private static BigDecimal cents6(BigDecimal amount) {
        return amount.setScale(6, java.math.RoundingMode.HALF_UP);
    }

    /** When this budget's period said its warning and its throttle (nulls: not yet). */
    private Instant[] said(String budget, Instant periodStart) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select warned_at, throttled_at from budget_period"
                    + " where budget = ? and period_start = ?")) {
                ps.setString(1, budget);
                ps.setTimestamp(2, Timestamp.from(periodStart));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Instant[2];
                    }
                    Timestamp w = rs.getTimestamp(1);
                    Timestamp t = rs.getTimestamp(2);
                    return new Instant[] { w == null ? null : w.toInstant(), t == null ? null : t.toInstant() };
                }
            }
        });
    }

    private void remember(String budget, BudgetPace pace, Instant[] said) {
        Timestamp now = Timestamp.from(Instant.now());
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into budget_period (budget, period_start, warned_at, throttled_at) values (?, ?, ?, ?)
                    on conflict (budget, period_start) do update set warned_at = excluded.warned_at,
                        throttled_at = excluded.throttled_at
                    """)) {
                ps.setString(1, budget);
                ps.setTimestamp(2, Timestamp.from(pace.periodStart()));
                ps.setTimestamp(3, said[0] != null ? Timestamp.from(said[0]) : pace.warn() ? now : null);
                ps.setTimestamp(4, said[1] != null ? Timestamp.from(said[1]) : pace.exceeded() ? now : null);
                ps.executeUpdate();
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
