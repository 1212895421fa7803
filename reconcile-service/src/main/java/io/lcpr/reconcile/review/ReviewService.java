package io.lcpr.reconcile.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.lcpr.events.IncidentV1;
import io.lcpr.events.LcprComputedV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.money.Money;
import io.lcpr.price.PriceHistory;
import io.lcpr.reconcile.incident.IncidentEntity;
import io.lcpr.reconcile.incident.IncidentService;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.usage.PeriodUsageRepository;
import io.lcpr.reconcile.workload.WorkloadSettingsEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Builds the review pack of a month from its newest reconciliation run and last month's, the usage rollups, the
 * incidents and the recorded limits; records a closed month's recommended actions once.
 */
@ApplicationScoped
public class ReviewService {
    private static final Logger LOG = Logger.getLogger(ReviewService.class);
    static final int TREND_MONTHS = 6;
    static final List<String> COMPONENTS = List.of("inference", "cache", "eval", "human", "ops");

    private final ReviewRepository repository;
    private final PeriodUsageRepository usage;
    private final PricingCopyService pricing;
    private final IncidentService incidents;

    public ReviewService(ReviewRepository repository, PeriodUsageRepository usage, PricingCopyService pricing,
            IncidentService incidents) {
        this.repository = repository;
        this.usage = usage;
        this.pricing = pricing;
        this.incidents = incidents;
    }

    @Transactional
    public ReviewPack pack(String label) {
        Period period = Period.monthFromRequest(label, "the review pack");
        Period last = Period.parse(YearMonth.parse(label).minusMonths(1).toString());
        ReviewRepository.Run run = repository.newestRun(period).orElseThrow(() -> new NotFoundException(
                "no completed reconciliation run of " + label + ": POST /api/reconciliations {\"period\": \"" + label
                        + "\"} first"));
        boolean preview = run.createdAt().isBefore(period.end());
        PriceHistory prices = pricing.history();
        Map<String, LcprComputedV1> nowResults = repository.results(period);
        Map<String, LcprComputedV1> lastResults = repository.results(last);
        Map<String, MonthFigures.Tokens> nowTokens = TokenProfiles.of(usage, prices, period);
        Map<String, MonthFigures.Tokens> lastTokens = lastResults.isEmpty() ? Map.of()
                : TokenProfiles.of(usage, prices, last);
        List<MonthFigures[]> pairs = new ArrayList<>();
        nowResults.forEach((w, e) -> {
            LcprComputedV1 before = lastResults.get(w);
            pairs.add(new MonthFigures[] {
                    before == null ? null : MonthFigures.of(before, lastTokens.getOrDefault(w, MonthFigures.Tokens.NONE)),
                    MonthFigures.of(e, nowTokens.getOrDefault(w, MonthFigures.Tokens.NONE)) });
        });
        List<LcprDrivers> lcpr = pairs.stream().map(p -> LcprDrivers.of(p[0], p[1])).toList();
        List<ReviewPack.Composition> costs = new ArrayList<>(pairs.stream().map(p -> new ReviewPack.Composition(
                p[1].workload(), composition(p[1]), p[0] == null ? null : composition(p[0]))).toList());
        lastResults.forEach((w, e) -> { // a workload gone this month: its cost went to nothing
            if (!nowResults.containsKey(w)) {
                Map<String, BigDecimal> none = new LinkedHashMap<>();
                COMPONENTS.forEach(c -> none.put(c, BigDecimal.ZERO));
                costs.add(new ReviewPack.Composition(w, none, composition(MonthFigures.of(e,
                        lastTokens.getOrDefault(w, MonthFigures.Tokens.NONE)))));
            }
        });
        Map.Entry<List<ReviewPack.Step>, String> waterfall = waterfall(costs, last.label(), label);
        List<ReviewRepository.Action> recommendations = Recommendations.of(pairs).stream()
                .map(c -> new ReviewRepository.Action(label, c.workload(), c.kind(), c.text(), c.impact(),
                        owner(c.workload(), nowResults.get(c.workload())), "open", null, null))
                .toList();
        if (!preview) {
            repository.recordActions(recommendations);
            recommendations = repository.actions(label);
        }
        List<ReviewRepository.Action> lastActions = repository.actions(last.label());
        long done = lastActions.stream().filter(a -> "done".equals(a.status())).count();
        LOG.infof("review pack %s: %d workloads, %d recommendations%s", label, lcpr.size(), recommendations.size(),
                preview ? " (preview)" : "");
        lcpr.forEach(d -> LOG.infof("review pack %s: %s LCPR %s -> %s (%s%%), driver %s: %s", label, d.workload(),
                d.lcprThen(), d.lcprNow(), d.changePct(), d.primary(), d.explanation()));
        Map<String, ReviewRepository.Limit> limits = repository.limits();
        return new ReviewPack(label, last.label(), preview, run.createdAt(), lcpr,
                quality(period, nowResults, lastResults), costs, waterfall.getKey(), waterfall.getValue(),
                dedicated(period, run.completed(), limits), serverless(period, last, limits),
                incidents(period), recommendations, lastActions, lastActions.isEmpty() ? null
                        : BigDecimal.valueOf(done).divide(BigDecimal.valueOf(lastActions.size()), 4,
                                RoundingMode.HALF_UP));
    }

    /** Sets an action's status (open, done, dropped), with a note. */
    @Transactional
    public void setActionStatus(String period, String workload, String kind, String status, String note) {
        if (!List.of("open", "done", "dropped").contains(status)) {
            throw new IllegalArgumentException("status: must be open, done or dropped, not '" + status + "'");
        }
        if (!repository.setStatus(period, workload, kind, status, note, Instant.now())) {
            throw new NotFoundException("no action " + kind + " for " + workload + " in " + period);
        }
    }

    @Transactional
    public void putLimit(ReviewRepository.Limit limit) {
        if (!List.of("model", "endpoint").contains(limit.kind())) {
            throw new IllegalArgumentException("kind: must be model (ref provider/model) or endpoint, not '"
                    + limit.kind() + "'");
        }
        if (limit.kind().equals("model") && !limit.ref().contains("/")) {
            throw new IllegalArgumentException("ref: a model's limit is named provider/model, not '" + limit.ref()
                    + "'");
        }
        repository.putLimit(limit, Instant.now());
    }

    /** Inference (with the unreconciled delta, less what cache reads and writes cost), cache, eval, human, ops. */
    static Map<String, BigDecimal> composition(MonthFigures m) {
        MonthFigures.Tokens t = m.tokens();
        BigDecimal cache = t.listCost() <= 0 ? BigDecimal.ZERO
                : Money.of(m.inference().multiply(BigDecimal.valueOf((t.cacheReadCost() + t.cacheWriteCost())
                        / t.listCost())));
        Map<String, BigDecimal> c = new LinkedHashMap<>();
        c.put("inference", Money.of(m.inference().subtract(cache).add(orZero(m.delta()))));
        c.put("cache", cache);
        c.put("eval", Money.of(orZero(m.eval())));
        c.put("human", Money.of(orZero(m.human())));
        c.put("ops", Money.of(orZero(m.ops())));
        return c;
    }

    /** Last month's loaded cost, each component's change over the workloads, this month's; the largest change. */
    static Map.Entry<List<ReviewPack.Step>, String> waterfall(List<ReviewPack.Composition> costs, String last,
            String now) {
        Map<String, BigDecimal> change = new LinkedHashMap<>();
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        for (ReviewPack.Composition c : costs) {
            for (String k : COMPONENTS) {
                BigDecimal n = c.now().get(k);
                BigDecimal t = c.then() == null ? BigDecimal.ZERO : c.then().get(k);
                change.merge(k, n.subtract(t), BigDecimal::add);
                before = before.add(t);
                after = after.add(n);
            }
        }
        List<ReviewPack.Step> steps = new ArrayList<>();
        steps.add(new ReviewPack.Step(last, before, true));
        change.forEach((k, v) -> steps.add(new ReviewPack.Step(k, v, false)));
        steps.add(new ReviewPack.Step(now, after, true));
        String driver = change.entrySet().stream().max(Comparator.comparing(e -> e.getValue().abs()))
                .map(Map.Entry::getKey).orElse(null);
        return new java.util.AbstractMap.SimpleImmutableEntry<>(steps, driver);
    }

    /** The pass rates of the trend's months: this month's and last month's results as already read, older ones. */
    private List<ReviewPack.Quality> quality(Period period, Map<String, LcprComputedV1> now,
            Map<String, LcprComputedV1> last) {
        Map<String, Map<String, Double>> trend = new TreeMap<>();
        YearMonth month = YearMonth.parse(period.label());
        for (int i = TREND_MONTHS - 1; i >= 0; i--) {
            String label = month.minusMonths(i).toString();
            Map<String, LcprComputedV1> results = i == 0 ? now : i == 1 ? last
                    : repository.results(Period.parse(label));
            results.forEach((w, e) -> {
                if (e.attemptedUnits() > 0) {
                    trend.computeIfAbsent(w, x -> new LinkedHashMap<>()).put(label,
                            (double) e.acceptedUnits() / e.attemptedUnits());
                }
            });
        }
        Map<String, Map<String, Long>> reasons = repository.failureReasons(period);
        List<ReviewPack.Quality> out = new ArrayList<>();
        for (String w : new TreeSet<>(now.keySet())) {
            Map<String, Double> t = trend.getOrDefault(w, Map.of());
            Map<String, Long> top = new LinkedHashMap<>();
            reasons.getOrDefault(w, Map.of()).entrySet().stream().limit(5).forEach(e -> top.put(e.getKey(),
                    e.getValue()));
            out.add(new ReviewPack.Quality(w, t.get(period.label()), t, top));
        }
        return out;
    }

    private List<ReviewPack.Dedicated> dedicated(Period period, ReconciliationCompletedV1 run,
            Map<String, ReviewRepository.Limit> limits) {
        if (run.attribution() == null) {
            return List.of();
        }
        Map<String, long[]> endpoints = new TreeMap<>();
        run.attribution().stream().filter(a -> a.kind().equals("endpoint")).forEach(a -> {
            long[] s = endpoints.computeIfAbsent(a.ref(), r -> new long[2]);
            s[0] += a.inputTokens() + a.outputTokens();
            s[1] = Math.max(s[1], a.refPeakTokens() == null ? 0 : a.refPeakTokens());
        });
        long hours = Duration.between(period.start(), period.end()).toHours();
        List<ReviewPack.Dedicated> out = new ArrayList<>();
        endpoints.forEach((ref, s) -> {
            long mean = s[0] / hours;
            ReviewRepository.Limit l = limits.get("endpoint:" + ref);
            Long cap = l == null ? null : l.tokensPerHour();
            out.add(new ReviewPack.Dedicated(ref, s[0], mean, s[1], cap, ratio(mean, cap), ratio(s[1], cap),
                    cap == null ? null : 1 - (double) s[1] / cap, s[1] == 0 ? null : (double) mean / s[1]));
        });
        return out;
    }

    private List<ReviewPack.Serverless> serverless(Period period, Period last,
            Map<String, ReviewRepository.Limit> limits) {
        Map<String, ReviewRepository.ModelTraffic> now = repository.traffic(period);
        Map<String, ReviewRepository.ModelTraffic> before = repository.traffic(last);
        List<ReviewPack.Serverless> out = new ArrayList<>();
        now.forEach((key, t) -> {
            ReviewRepository.ModelTraffic b = before.get(key);
            long lastCalls = b == null ? 0 : b.calls();
            double rpm = t.peakFiveMinuteCalls() / 5.0;
            double tpm = t.peakHourTokens() / 60.0;
            ReviewRepository.Limit l = limits.get("model:" + key);
            Long rpmLimit = l == null ? null : l.requestsPerMinute();
            Long tpmLimit = l == null ? null : l.tokensPerMinute();
            out.add(new ReviewPack.Serverless(t.provider(), t.model(), t.calls(), lastCalls,
                    lastCalls == 0 ? null : ((double) t.calls() / lastCalls - 1) * 100, rpm, tpm, rpmLimit, tpmLimit,
                    rpmLimit == null || rpmLimit == 0 ? null : rpm / rpmLimit,
                    tpmLimit == null || tpmLimit == 0 ? null : tpm / tpmLimit));
        });
        return out;
    }

    private ReviewPack.Incidents incidents(Period period) {
        List<IncidentEntity> started = IncidentEntity.<IncidentEntity> list(
                "startedAt >= ?1 and startedAt < ?2 order by startedAt", period.start(), period.end());
        List<ReviewPack.Incident> list = new ArrayList<>();
        Map<String, Long> byCategory = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (IncidentEntity e : started) {
            IncidentV1 v = incidents.get(e.id);
            list.add(new ReviewPack.Incident(v.name(), v.category(), v.status(), v.totalCost(), v.requestsAffected(),
                    v.minutesToDetect(), e.preventiveActions));
            byCategory.merge(v.category(), 1L, Long::sum);
            total = total.add(orZero(v.totalCost()));
        }
        return new ReviewPack.Incidents(list.size(), total, byCategory, list);
    }

    /** The workload registry's owner team, else the team that spent most on it, else nobody yet. */
    private static String owner(String workload, LcprComputedV1 result) {
        WorkloadSettingsEntity settings = WorkloadSettingsEntity.findById(workload);
        if (settings != null && settings.ownerTeam != null) {
            return settings.ownerTeam;
        }
        if (result != null && result.traceCostByTeam() != null) {
            return result.traceCostByTeam().entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).orElse("unassigned");
        }
        return "unassigned";
    }

    private static Double ratio(long part, Long whole) {
        return whole == null || whole == 0 ? null : (double) part / whole;
    }

    private static BigDecimal orZero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }
}
