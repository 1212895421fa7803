package io.lcpr.reconcile.baseline;

import io.lcpr.events.WorkloadSnapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hibernate.Session;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.BaselineCapturedV1;
import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.money.Money;
import io.lcpr.reconcile.reconciliation.SpendToDate;
import io.lcpr.reconcile.signal.SignalRollup;
import io.lcpr.reconcile.signal.SignalService;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.usage.UnitWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Captures baselines from the folded data and compares them with each other or with now. */
@ApplicationScoped
public class BaselineService {
    private final SpendToDate spend;
    private final UnitWindows units;
    private final SignalService signals;
    private final PeriodUsageRepository usage;
    private final EntityManager em;
    private final Outbox outbox;

    public BaselineService(SpendToDate spend, UnitWindows units, SignalService signals, PeriodUsageRepository usage,
            EntityManager em, Outbox outbox) {
        this.outbox = outbox;
        this.spend = spend;
        this.units = units;
        this.signals = signals;
        this.usage = usage;
        this.em = em;
    }

    /** Captures and keeps a named baseline (a later capture under the same name replaces it). */
    @Transactional
    public WorkloadSnapshot capture(BaselineRequest r) {
        return capture(r, BaselineCapturedV1.ON_DEMAND, null);
    }

    /**
     * Declares a change about to happen on a workload and captures the baseline before it, named
     * {@code before:<change>}: the window of {@code hours} ending at the hour the change takes effect (or at the
     * latest call stored, if that is earlier), published with the change it precedes.
     */
    @Transactional
    public DeclaredChange declareChange(String name, ChangeRequest r) {
        List<String> problems = new java.util.ArrayList<>();
        if (r.workload() == null || r.workload().isBlank()) {
            problems.add("workload: is required");
        }
        String kind = r.kind() == null ? null : r.kind().trim().toLowerCase(java.util.Locale.ROOT);
        if (kind == null || !ChangeRequest.KINDS.contains(kind)) {
            problems.add("kind: '" + r.kind() + "' is not one of " + ChangeRequest.KINDS);
        }
        if (r.effectiveAt() == null) {
            problems.add("effective_at: is required (when the change takes effect)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Instant effective = r.effectiveAt().truncatedTo(ChronoUnit.HOURS);
        Instant latest = usage.latestStart().map(t -> t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)))
                .orElse(effective);
        Instant to = latest.isBefore(effective) ? latest : effective;
        String baseline = "before:" + name;
        String said = name + ": " + kind + (r.description() == null ? "" : " (" + r.description() + ")") + " on "
                + r.workload() + " from " + r.effectiveAt();
        WorkloadSnapshot s = capture(new BaselineRequest(baseline, r.workload(), r.route(), to, r.hours(),
                r.modelVersion(), r.promptVersion(), r.evalSuiteVersion()), BaselineCapturedV1.BEFORE_CHANGE, said);
        Instant now = Instant.now();
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into declared_change (name, workload, kind, description, effective_at, baseline,
                        declared_at) values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (name) do update set workload = excluded.workload, kind = excluded.kind,
                        description = excluded.description, effective_at = excluded.effective_at,
                        declared_at = excluded.declared_at
                    """)) {
                ps.setString(1, name);
                ps.setString(2, r.workload());
                ps.setString(3, kind);
                ps.setString(4, r.description());
                ps.setTimestamp(5, Timestamp.from(r.effectiveAt()));
                ps.setString(6, baseline);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.executeUpdate();
            }
        });
        return new DeclaredChange(name, r.workload(), kind, r.description(), r.effectiveAt(), baseline, now, s);
    }

    private WorkloadSnapshot capture(BaselineRequest r, String reason, String change) {
        if (r.name() == null || r.name().isBlank() || r.workload() == null || r.workload().isBlank()) {
            throw new IllegalArgumentException("name and workload are required");
        }
        WorkloadSnapshot s = snapshot(r);
        Instant capturedAt = Instant.now();
        outbox.add(Topics.BASELINES, r.name(), new BaselineCapturedV1(UUID.randomUUID(), capturedAt,
                BaselineCapturedV1.SCHEMA_VERSION, "reconcile-service", r.name(), reason, change, capturedAt, s));
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into baseline (name, workload, snapshot, captured_at) values (?, ?, ?, ?)
                    on conflict (name) do update set workload = excluded.workload, snapshot = excluded.snapshot,
                        captured_at = excluded.captured_at
                    """)) {
                ps.setString(1, r.name());
                ps.setString(2, r.workload());
                ps.setString(3, EventJson.write(s));
                ps.setTimestamp(4, Timestamp.from(capturedAt));
                ps.executeUpdate();
            }
        });
        return s;
    }

    @Transactional
    public WorkloadSnapshot get(String name) {
        return stored(name).orElseThrow(() -> new NotFoundException("no baseline " + name));
    }

    /** Baseline {@code a} against baseline {@code b}, or against now ({@code b} = "now": the same window length). */
    @Transactional
    public BaselineComparison compare(String a, String b) {
        WorkloadSnapshot first = get(a);
        WorkloadSnapshot second = "now".equals(b) ? snapshot(new BaselineRequest(null, first.workload(),
                first.route(), null, (int) Duration.between(first.from(), first.to()).toHours(), null, null, null))
                : get(b);
        return BaselineComparison.of(first, second);
    }

    private WorkloadSnapshot snapshot(BaselineRequest r) {
        int hours = r.hours() == null ? 168 : r.hours();
        if (hours < 1) {
            throw new IllegalArgumentException("hours: must be at least 1");
        }
        Instant to = r.to() != null ? r.to().truncatedTo(ChronoUnit.HOURS)
                : usage.latestStart().map(t -> t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)))
                        .orElse(Instant.now().truncatedTo(ChronoUnit.HOURS));
        Instant from = to.minus(Duration.ofHours(hours));
        BigDecimal inference = spend.pass().inference(from, to, List.of(r.workload()));
        UnitWindows.Counts c = units.counts(List.of(r.workload()), from, to);
        Map.Entry<SignalRollup.Summary, Map<Instant, Long>> sig = signals.workload(from, to, r.workload());
        SignalRollup.Summary s = sig.getKey();
        long peak = sig.getValue().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new WorkloadSnapshot(r.workload(), r.route(), from, to, r.modelVersion(), r.promptVersion(),
                r.evalSuiteVersion(), c.units(), c.accepted(), s.calls(),
                perAccepted(inference.add(c.human()), c.accepted()), perAccepted(inference, c.accepted()),
                perAccepted(c.human(), c.accepted()), ratio(c.accepted(), c.units()), ratio(c.escalated(), c.units()),
                s.cacheHitRate(), s.errorRate(), s.ttftMs().p50(), s.ttftMs().p95(), s.ttftMs().p99(),
                s.e2eMs().p50(), s.e2eMs().p95(), s.e2eMs().p99(), s.outputLength().p95(),
                (double) s.calls() / hours, peak);
    }

    private Optional<WorkloadSnapshot> stored(String name) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select snapshot from baseline where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EventJson.read(rs.getString(1), WorkloadSnapshot.class))
                            : Optional.<WorkloadSnapshot> empty();
                }
            }
        });
    }

    private static BigDecimal perAccepted(BigDecimal amount, long accepted) {
        return accepted == 0 ? null : Money.of(amount.divide(BigDecimal.valueOf(accepted), 12, RoundingMode.HALF_UP));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
