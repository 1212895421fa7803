package io.lcpr.reconcile.goodput;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.workload.WorkloadSettingsEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Goodput of load tests: their calls priced at the list price in force when each started, judged by the workload's
 * quality gate (its units' verdicts), held against an SLO (given, else the workload's TTFT and E2E SLOs).
 */
@ApplicationScoped
public class GoodputService {
    private final LoadTestRepository repository;
    private final PricingCopyService pricing;

    public GoodputService(LoadTestRepository repository, PricingCopyService pricing) {
        this.repository = repository;
        this.pricing = pricing;
    }

    /** The analysis and the runs it read. */
    public record Report(List<LoadTestRepository.RunSummary> runs, GoodputAnalysis.Result analysis) {
    }

    @Transactional
    public Report analyse(List<String> runs, Long ttftMs, Double tpotMs, Long e2eMs, Double operatingRps) {
        if (runs == null || runs.isEmpty()) {
            throw new IllegalArgumentException("runs: name one load-test run id or more (lcpr.load_test.run_id)");
        }
        List<LoadTestRepository.Row> rows = repository.calls(runs);
        List<String> found = rows.stream().map(LoadTestRepository.Row::runId).distinct().toList();
        List<String> missing = runs.stream().filter(r -> !found.contains(r)).toList();
        if (!missing.isEmpty()) {
            throw new NotFoundException("no load-test calls of run " + String.join(", ", missing));
        }
        WorkloadSettingsEntity settings = WorkloadSettingsEntity.findById(rows.get(0).workload());
        GoodputAnalysis.Slo slo = new GoodputAnalysis.Slo(
                ttftMs != null ? ttftMs : settings == null ? null : settings.ttftSloMs, tpotMs,
                e2eMs != null ? e2eMs : settings == null ? null : settings.e2eSloMs);
        PriceHistory prices = pricing.history();
        List<GoodputAnalysis.LoadCall> calls = new ArrayList<>();
        for (LoadTestRepository.Row r : rows) {
            calls.add(new GoodputAnalysis.LoadCall(r.route(), r.rateRps(), r.ttftMs(), r.e2eMs(), r.output(),
                    r.failed(), r.accepted(), cost(prices, r)));
        }
        return new Report(summaries(rows), GoodputAnalysis.of(calls, slo, operatingRps, repository.claims()));
    }

    /** The runs as the rows already read show them (what {@code GET /api/goodput/runs} lists of every run). */
    private static List<LoadTestRepository.RunSummary> summaries(List<LoadTestRepository.Row> rows) {
        java.util.Map<String, List<LoadTestRepository.Row>> byRun = new java.util.TreeMap<>();
        rows.forEach(r -> byRun.computeIfAbsent(r.runId(), x -> new ArrayList<>()).add(r));
        List<LoadTestRepository.RunSummary> out = new ArrayList<>();
        byRun.forEach((run, list) -> out.add(new LoadTestRepository.RunSummary(run, list.get(0).workload(),
                list.stream().map(LoadTestRepository.Row::route).distinct().sorted().toList(),
                list.stream().map(LoadTestRepository.Row::rateRps).distinct().sorted().toList(), list.size(),
                list.stream().map(LoadTestRepository.Row::startedAt).min(Instant::compareTo).orElseThrow(),
                list.stream().map(LoadTestRepository.Row::startedAt).max(Instant::compareTo).orElseThrow())));
        return out;
    }

    @Transactional
    public List<LoadTestRepository.RunSummary> runs() {
        return repository.runs();
    }

    @Transactional
    public void claim(String route, BigDecimal outputTokensPerSecond, String source) {
        if (outputTokensPerSecond == null || outputTokensPerSecond.signum() <= 0) {
            throw new IllegalArgumentException("output_tokens_per_second: must be a positive number");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source: where the claim was published is required");
        }
        repository.putClaim(route, outputTokensPerSecond, source, Instant.now());
    }

    private static double cost(PriceHistory prices, LoadTestRepository.Row r) {
        return prices.quote(r.provider(), r.model(), r.serviceTier(), null, r.startedAt()).map(q -> q.rates()
                .cost(new Rates.Usage(r.input(), r.cacheRead(), r.cacheCreation(), r.output(), 0)).doubleValue())
                .orElse(0.0);
    }
}
