package io.lcpr.suite;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.Database;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;

/**
 * reconcile-service at production scale (`./suite.sh bench-reconcile`). Generates a month (ReconcileMonth) and
 * sends it through ingest-service as NDJSON, with a third of the units' eval verdicts, then measures:
 * <ol>
 * <li>reconcile-service alone consuming and folding the month from the pre-filled llm.traces.v1 and llm.outcomes.v1
 * (its consumption paused while ingest takes the month, resumed once ingest has published it), an alert rule
 * evaluated on it every second, with where the CPU went (CpuTimes) and PostgreSQL's time by statement
 * (StatementProfile);</li>
 * <li>the whole pipeline on a second month, from the first byte sent to ingest until the last trace is folded, with
 * the largest consumer lag seen, where the CPU went and PostgreSQL's time by statement;</li>
 * <li>POST /api/reconciliations for the first month until its last lcpr.computed.v1 is on the topic;</li>
 * <li>each service's peak RSS, and the month's trace-derived total and per-workload loaded cost against the
 * benchmark's own sum over the generated calls, to the cent.</li>
 * </ol>
 * After each of the first three phases the database is vacuumed and analyzed (Upkeep), after the two of
 * reconcile-service once its signal compactor has caught up, so that no phase does the previous one's merging or
 * autovacuum; what that took is printed with the phase.
 * Before them a warm-up month goes through both services unmeasured, as IngestBenchmark warms ingest-service up: a
 * service's rate is what it sustains once its JIT compilers have done their start-up work. reconcile-service folds it
 * from a cold start (that rate is printed too), then pauses until the measured month is on the topics.
 * Settings: BENCH_TRACES (10000000), BENCH_E2E_TRACES (the size of the month sent end to end; BENCH_TRACES),
 * BENCH_WARMUP_TRACES (1000000; 0 measures both services from a cold start, as before session 43),
 * BENCH_BATCH (5000), BENCH_CLIENTS (2), BENCH_SERVICE_JVM_OPTS (-Xmx224m -XX:+UseSerialGC: the collector the JVM
 * picks itself in deploy/kubernetes's 768 MiB pods, below its 1,792 MiB threshold for a parallel one; 224 MiB keeps
 * reconcile-service under the 512 MiB RSS, where 256 peaked at 525-528; and -XX:+UseCompactObjectHeaders on a
 * JDK from 25, as in the image), BENCH_STATEMENTS (8: the statements a
 * phase lists), BENCH_HUGE_PAGES (read by suite.sh: "try", "on" to reserve huge pages for PostgreSQL for the run, "off").
 */
public final class ReconcileBenchmark {
    /** The month sent and folded before the measured ones, so that neither service is measured starting cold. */
    private static final YearMonth WARM_UP = YearMonth.of(2026, 6);
    private static final YearMonth FIRST = YearMonth.of(2026, 7);
    private static final YearMonth SECOND = YearMonth.of(2026, 8);

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        long traces = Long.parseLong(env.getOrDefault("BENCH_TRACES", "10000000"));
        long e2eTraces = Long.parseLong(env.getOrDefault("BENCH_E2E_TRACES", Long.toString(traces)));
        long warmUpTraces = Long.parseLong(env.getOrDefault("BENCH_WARMUP_TRACES", "1000000"));
        int batch = Integer.parseInt(env.getOrDefault("BENCH_BATCH", "5000"));
        int clients = Integer.parseInt(env.getOrDefault("BENCH_CLIENTS", "2"));
        long focusLines = Long.parseLong(env.getOrDefault("BENCH_FOCUS_LINES", "1000000"));
        String jvm = env.getOrDefault("BENCH_SERVICE_JVM_OPTS",
                "-Xmx224m -XX:+UseSerialGC" + ServiceProcess.COMPACT_HEADERS);
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("reconcile-bench");
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            System.out.println(sharedMemory(infra.database()));
            Map<String, String> serviceEnv = infra.serviceEnvironment();
            ReconcileMonth first = new ReconcileMonth(FIRST, traces);
            ReconcileMonth second = new ReconcileMonth(SECOND, e2eTraces);
            // the warm-up month's prices are not sent: its price changes (on the 10th and 20th) would be in force
            // into the measured month's first ten days; the measured months' own entries cover it from May on
            ReconcileMonth warmUp = new ReconcileMonth(WARM_UP, warmUpTraces);
            for (ReconcileMonth m : List.of(first, second)) {
                m.prices().forEach(p -> TopicWriter.send(infra.bootstrapServers(), Topics.PRICING_SNAPSHOTS,
                        p.key(), EventJson.write(p)));
            }
            try (ServiceProcess ingest = ServiceProcess.start(root, "ingest-service", Ports.free(), serviceEnv,
                    work.resolve("logs"), jvm)) {
                ingest.awaitReady(Duration.ofSeconds(120));
                System.out.printf("%,d traces a month (%,d work units), batches of %d from %d clients; services: %s%n",
                        traces, first.unitCount(), batch, clients, jvm);

                // 0. the warm-up month through ingest, then folded by reconcile-service: neither service is measured
                // starting cold (IngestBenchmark warms ingest-service up the same way)
                ReconcileMonth.Expected warmed = warmUpTraces > 0
                        ? warmUp(ingest, infra, warmUp, batch, clients) : new ReconcileMonth.Expected();

                // alert passes every second: a replay closes hours of event time each second of the e2e month
                Map<String, String> reconcileEnv = new java.util.HashMap<>(serviceEnv);
                reconcileEnv.put("RECONCILE_ALERTS_EVERY_S", "1");
                try (ServiceProcess reconcile = ServiceProcess.start(root, "reconcile-service", Ports.free(),
                        reconcileEnv, work.resolve("logs"), jvm)) {
                    reconcile.awaitReady(Duration.ofSeconds(120));
                    // the rule runs through every month from the warm-up on, as a service's rules do: the measured
                    // months are not the first time the alert path runs (defined at the second month, its first
                    // compiles were most of the JIT compiler's 12% of the end-to-end phase's CPU, session 35), and the
                    // warm-up month carries the same alert work as the month measured after it
                    AlertLag alertLag = AlertLag.define(reconcile, warmed.calls > 0 ? warmUp : first, second);
                    awaitWarm(reconcile, warmed);
                    // paused while the measured month goes into ingest, so that it finds the whole month waiting
                    consumption(reconcile, true);
                    if (warmed.calls > 0) {
                        upkeep(reconcile, infra, "the warm-up month");
                    }

                    // 1. the first month into ingest and onto llm.traces.v1, reconcile-service paused
                    CpuTimes.Phase ingestCpu = CpuTimes.Phase.start(ingest.pid());
                    StatementProfile ingestStatements = StatementProfile.start(infra);
                    Instant sendStart = Instant.now();
                    ReconcileMonth.Expected expected = send(ingest, first, batch, clients);
                    double accepted = seconds(sendStart);
                    IngestBenchmark.awaitPublished(infra);
                    double published = seconds(sendStart);
                    ingestCpu.end();
                    System.out.printf("month %s sent through ingest in %.1f s (%,.0f traces/s accepted) and published"
                            + " in %.1f s (%,d calls, %,d unpriced)%n", FIRST, accepted, expected.calls / accepted,
                            published, expected.calls, expected.unpriced);
                    // what the ingest half costs: the end-to-end figure below is this and the fold sharing two cores
                    printCpu("while ingesting", ingestCpu, published);
                    System.out.printf("  ingest-service threads: %s%n", ingestCpu.serviceThreads(published));
                    printStatements("while ingesting", ingestStatements);
                    // the upkeep of the month's rows here, not inside the next phase (Upkeep)
                    System.out.println(Upkeep.vacuum(infra.database()).line("ingesting"));
                    // the service's first step per trace, timed here on the events it is about to read
                    System.out.println(EventReading.compare(infra.bootstrapServers(), 200_000));

                    // reconcile-service alone on the month waiting on its topics, from the moment it resumes
                    LagWatch lag = new LagWatch(infra.bootstrapServers());
                    CpuTimes.Phase cpu = CpuTimes.Phase.start(reconcile.pid());
                    StatementProfile statements = StatementProfile.start(infra);
                    Instant consumeStart = Instant.now();
                    consumption(reconcile, false);
                    awaitFolded(reconcile, FIRST, warmed.calls, expected.calls, warmed.outcomes + expected.outcomes,
                            lag);
                    double alone = seconds(consumeStart);
                    System.out.printf("reconcile-service alone: %,d traces consumed and folded in %.1f s: %,.0f traces/s"
                            + " (target >= 50,000), %s%n", expected.calls, alone, expected.calls / alone,
                            warmed.calls > 0 ? "after the warm-up month" : "from a cold start (BENCH_WARMUP_TRACES=0)");
                    // where the two cores went while it folded: the service, PostgreSQL, the broker
                    cpu.end();
                    printCpu("while folding alone", cpu, alone);
                    System.out.printf("  reconcile-service threads: %s%n", cpu.serviceThreads(alone));
                    System.out.printf("  postgresql processes: %s%n", cpu.postgres(alone));
                    printStatements("while folding alone", statements);
                    upkeep(reconcile, infra, "folding alone");

                    // 2. the second month end to end, both services running, the alert rule evaluated as it arrives
                    LagWatch e2eLag = new LagWatch(infra.bootstrapServers());
                    StatementProfile e2eStatements = StatementProfile.start(infra);
                    CpuTimes.Phase e2eCpu = CpuTimes.Phase.start(reconcile.pid());
                    Instant e2eStart = Instant.now();
                    Future<ReconcileMonth.Expected> sending = Executors.newSingleThreadExecutor()
                            .submit(() -> send(ingest, second, batch, clients, alertLag));
                    ReconcileMonth.Expected expectedSecond = sending.get();
                    double sent = seconds(e2eStart);
                    awaitFolded(reconcile, SECOND, warmed.calls + expected.calls, expectedSecond.calls,
                            warmed.outcomes + expected.outcomes + expectedSecond.outcomes, e2eLag);
                    double e2e = seconds(e2eStart);
                    e2eCpu.end();
                    System.out.printf("end to end: %,d traces sent in %.1f s, all folded %.1f s after the first byte:"
                            + " %,.0f traces/s (target >= 25,000); largest consumer lag %,d%n", expectedSecond.calls,
                            sent, e2e, expectedSecond.calls / e2e, e2eLag.max());
                    printCpu("end to end", e2eCpu, e2e);
                    // set against the phases above: what running beside ingest and the alert rule adds a trace
                    System.out.printf("  reconcile-service threads: %s%n", e2eCpu.serviceThreads(e2e));
                    System.out.printf("  postgresql processes: %s%n", e2eCpu.postgres(e2e));
                    printStatements("end to end", e2eStatements);
                    alertLag.print(reconcile, infra.bootstrapServers());
                    upkeep(reconcile, infra, "the end-to-end month");

                    // 3. the first month's bills: a FOCUS export of BENCH_FOCUS_LINES lines, imported whole
                    importBills(reconcile, work, expected, focusLines);

                    // 4. the first month's reconciliation and LCPR, every account's delta explained by line
                    Instant runStart = Instant.now();
                    Http.Reply reply = Http.postJson(reconcile.url() + "/api/reconciliations",
                            Map.of("period", FIRST.toString())).expect(201, 202);
                    double answered = seconds(runStart);
                    JsonNode run = reply.json();
                    String runId = run.path("runId").asText();
                    // a run longer than the service's answer-within (10 s) answers 202: follow it to its end
                    while ("running".equals(run.path("status").asText())) {
                        Thread.sleep(200);
                        run = Http.get(reconcile.url() + "/api/reconciliations/" + runId).expect(200).json();
                    }
                    if (!"completed".equals(run.path("status").asText())) {
                        throw new IllegalStateException("the run of " + FIRST + " ended " + run);
                    }
                    double completed = seconds(runStart);
                    int workloads = run.path("lcpr").size();
                    // when the last event was produced (its record timestamp), not when a reader started later
                    // found it
                    long lastEventMillis = TopicReader.await(infra.bootstrapServers(), Topics.LCPR_COMPUTED,
                            r -> r.value().contains(runId), workloads, Duration.ofMinutes(2)).stream()
                            .mapToLong(r -> r.timestamp()).max().orElseThrow();
                    System.out.printf("reconciliation of %s: answered in %.2f s (HTTP %d), completed in %.2f s, last of"
                            + " %d lcpr.computed.v1 events on the topic %.2f s after the request (target < 2 s); %s%n",
                            FIRST, answered, reply.status(), completed, workloads,
                            (lastEventMillis - runStart.toEpochMilli()) / 1000.0, run.path("work"));
                    // the service's own account of where the run's time went (ReconciliationService logs it)
                    String runLine = "period " + FIRST + ": run " + runId;
                    String account = reconcile.lastLogged(runLine);
                    for (int i = 0; account == null && i < 20; i++) { // logged just after the run is marked completed
                        Thread.sleep(100);
                        account = reconcile.lastLogged(runLine);
                    }
                    System.out.println("  the run by its parts (reconcile-service's log): "
                            + (account == null ? "not logged" : account));

                    // 5. memory and the figures
                    System.out.printf("peak RSS: ingest-service %d MiB, reconcile-service %d MiB (target < 512)%n",
                            ingest.peakRssBytes() >> 20, reconcile.peakRssBytes() >> 20);
                    check(run, expected);
                    checkSignals(reconcile, expected);
                    printSizes(infra);
                }
            }
        }
        IngestBenchmark.dropData(work);
    }

    /**
     * Writes the first month's bills as one FOCUS export of about {@code lines} lines (hourly usage lines per
     * provider, account and model, each key's trace-derived cost split exactly over its lines, so every delta is
     * zero and the loaded costs stay checkable against the generated month), posts it, and prints rows/s.
     */
    static void importBills(ServiceProcess reconcile, Path work, ReconcileMonth.Expected expected, long lines)
            throws Exception {
        importBills(reconcile, work, FIRST, expected, lines);
    }

    /** A month's bills, billed exactly as traced, as one FOCUS export of about {@code lines} lines. */
    static void importBills(ServiceProcess reconcile, Path work, YearMonth month, ReconcileMonth.Expected expected,
            long lines) throws Exception {
        if (lines <= 0) {
            return;
        }
        Path file = work.resolve("focus-" + month + ".csv");
        long written = 0;
        Instant start = month.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        long hours = month.lengthOfMonth() * 24L;
        long perKey = Math.max(1, lines / expected.byAccountModel.size());
        try (var out = Files.newBufferedWriter(file)) {
            out.write("BilledCost,BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,"
                    + "ChargeClass,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SkuId,x_Model\n");
            for (var e : expected.byAccountModel.entrySet()) {
                String[] key = e.getKey().split("\\|");
                long total = e.getValue()[0];
                for (long i = 0; i < perKey; i++) {
                    long share = i == perKey - 1 ? total - (total / perKey) * (perKey - 1) : total / perKey;
                    Instant hour = start.plus(Duration.ofHours(i % hours));
                    out.write(BigDecimal.valueOf(share, 10).toPlainString() + "," + key[1] + ",USD," + start + ","
                            + start.plus(Duration.ofHours(hours)) + ",Usage,NULL," + hour + "," + hour.plusSeconds(3600)
                            + "," + key[0] + ",Inference,sku-" + (i % 97) + "," + key[2] + "\n");
                    written++;
                }
            }
        }
        Instant t0 = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create(reconcile.url()
                + "/api/invoices/imports?format=focus&file_name=" + file.getFileName()))
                .header("Content-Type", "text/csv").header("Authorization", LocalCredentials.adminBearer())
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> reply = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        double took = seconds(t0);
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("the FOCUS import answered " + reply.statusCode() + ": " + reply.body());
        }
        System.out.printf("FOCUS bill of %s imported: %,d lines (%,d MiB) in %.1f s: %,.0f rows/s%n", month, written,
                Files.size(file) >> 20, took, written / took);
        Files.delete(file);
    }

    /** Sends a month's calls as NDJSON batches, and a third of the units' eval verdicts; returns what it sent. */
    static ReconcileMonth.Expected send(ServiceProcess ingest, ReconcileMonth month, int batch, int clients)
            throws Exception {
        return send(ingest, month, batch, clients, null);
    }

    /** Sends a month; {@code arrivals}, when given, learns when each batch was accepted and how late its calls start. */
    static ReconcileMonth.Expected send(ServiceProcess ingest, ReconcileMonth month, int batch, int clients,
            AlertLag arrivals) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ReconcileMonth.Expected expected = new ReconcileMonth.Expected();
        AtomicLong nextUnit = new AtomicLong();
        long units = month.unitCount();
        int unitsPerBatch = Math.max(1, (int) (batch / 1.15));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                long from;
                while ((from = nextUnit.getAndAdd(unitsPerBatch)) < units) {
                    ByteArrayOutputStream traces = new ByteArrayOutputStream(batch * 420);
                    ByteArrayOutputStream outcomes = new ByteArrayOutputStream(batch * 40);
                    Instant latest = null;
                    for (long u = from; u < Math.min(units, from + unitsPerBatch); u++) {
                        List<ReconcileMonth.GenCall> calls = month.unit(u);
                        ReconcileMonth.GenCall last = null;
                        for (ReconcileMonth.GenCall call : calls) {
                            latest = latest == null || call.startedAt().isAfter(latest) ? call.startedAt() : latest;
                            expected.add(call, month.costE10(call));
                            traces.writeBytes(line(call).getBytes(StandardCharsets.UTF_8));
                            if (!"eval_grader".equals(call.attemptKind())) {
                                last = call;
                            }
                        }
                        if (u % 3 == 0) {
                            expected.outcome();
                            outcomes.writeBytes(verdict(last, u % 7 != 0).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    post(http, ingest.url() + "/api/traces", traces.toByteArray());
                    if (arrivals != null && latest != null) {
                        arrivals.accepted(latest, System.currentTimeMillis());
                    }
                    post(http, ingest.url() + "/api/outcomes", outcomes.toByteArray());
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return expected;
    }

    private static void post(HttpClient http, String url, byte[] body) throws Exception {
        if (body.length == 0) {
            return;
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-ndjson").header("Authorization", LocalCredentials.senderBearer())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String answer = r.body();
            throw new IllegalStateException(url + " answered HTTP " + r.statusCode() + ": "
                    + (answer.length() > 500 ? answer.substring(0, 500) + "..." : answer));
        }
    }

    static String line(ReconcileMonth.GenCall c) {
        return "{\"request_id\":\"" + c.requestId() + "\",\"work_unit_id\":\"" + c.unitId() + "\",\"attempt_kind\":\""
                + c.attemptKind() + "\",\"workload\":\"" + c.workloadName() + "\","
                + (c.team() == null ? "" : "\"team\":\"" + c.team() + "\",") + "\"provider\":\"" + c.provider()
                + "\",\"model\":\"" + c.model() + "\",\"project_id\":\"" + c.account() + "\",\"started_at\":\""
                + c.startedAt() + "\",\"input_tokens\":" + c.input() + ",\"cache_read_tokens\":" + c.cacheRead()
                + ",\"cache_creation_tokens\":" + c.cacheWrite() + ",\"output_tokens\":" + c.output()
                + ",\"ttft_ms\":" + c.ttftMs() + ",\"e2e_ms\":" + c.e2eMs() + ",\"api_key_id\":\"" + c.apiKeyId()
                + "\"" + (c.errorType() == null ? "" : ",\"status\":\"error\",\"error_type\":\"" + c.errorType() + "\"")
                + (c.webSearches() == 0 ? "" : ",\"attributes\":{\"lcpr.units.web_search\":\"" + c.webSearches() + "\"}")
                + "}\n";
    }

    static String verdict(ReconcileMonth.GenCall last, boolean passed) {
        return "{\"outcome_id\":\"eval-" + last.requestId() + "\",\"kind\":\"eval\",\"request_id\":\""
                + last.requestId() + "\",\"work_unit_id\":\"" + last.unitId() + "\",\"passed\":" + passed
                + ",\"observed_at\":\"" + last.startedAt().plusSeconds(60) + "\"}\n";
    }

    /**
     * Sends the warm-up month through ingest and waits until it is published, then vacuums, so that the measured
     * month is neither service's first (the JIT compilers' start-up was a third of reconcile-service's CPU in a
     * 1,000,000-trace phase from a cold start, session 42) and the upkeep of the warm-up's rows is done before it.
     */
    static ReconcileMonth.Expected warmUp(ServiceProcess ingest, LocalInfra infra, ReconcileMonth month, int batch,
            int clients) throws Exception {
        Instant start = Instant.now();
        ReconcileMonth.Expected warmed = send(ingest, month, batch, clients);
        IngestBenchmark.awaitPublished(infra);
        System.out.printf("warm-up: month %s (%,d traces) sent through ingest and published in %.1f s, not measured;"
                + " reconcile-service folds it before the measured months (BENCH_WARMUP_TRACES)%n", month.month,
                warmed.calls, seconds(start));
        System.out.println(Upkeep.vacuum(infra.database()).line("the warm-up month"));
        return warmed;
    }

    /**
     * Waits until reconcile-service has folded the warm-up month (its traces and outcomes: nothing else is on the
     * topics yet) and prints how fast it did from its cold start.
     */
    static void awaitWarm(ServiceProcess reconcile, ReconcileMonth.Expected warmed) {
        if (warmed.calls == 0) {
            return;
        }
        CpuTimes.Phase cpu = CpuTimes.Phase.start(reconcile.pid());
        Instant start = Instant.now();
        Await.until(Duration.ofMinutes(30), "reconcile-service to fold the warm-up month's " + warmed.calls + " calls",
                () -> counter(reconcile, "reconcile_traces_folded_total") >= warmed.calls
                        && counter(reconcile, "reconcile_outcomes_recorded_total") >= warmed.outcomes);
        double took = seconds(start);
        cpu.end();
        // from its first look, not its first poll: the service was consuming while it got ready
        System.out.printf("warm-up: reconcile-service folded the warm-up month from a cold start in %.1f s: %,.0f"
                + " traces/s%n", took, warmed.calls / took);
        printCpu("folding the warm-up month", cpu, took);
        System.out.printf("  reconcile-service threads: %s%n", cpu.serviceThreads(took));
    }

    /**
     * Pauses or resumes reconcile-service's consumption of traces and outcomes (PUT /api/usage/consumption): paused,
     * the polls it was handed finish and its consumers keep their partitions without fetching.
     */
    static void consumption(ServiceProcess reconcile, boolean paused) {
        Http.putJson(reconcile.url() + "/api/usage/consumption", Map.of("paused", paused)).expect(200);
    }

    /**
     * Waits until reconcile-service has folded every call of the month and holds at least {@code outcomes} outcomes
     * (all months), sampling the consumer lag meanwhile. {@code foldedBefore} is how many traces the service folded
     * before this month. Its counters say when to look: `/api/usage` sums the month's rollups in PostgreSQL (57 ms
     * of statement time a look on a 1,000,000-trace month, 3% of the alone phase's until session 37), so it is read
     * only once they have reached the month's figures, and then until it holds them all (a counter moves just
     * before its poll commits).
     */
    static void awaitFolded(ServiceProcess reconcile, YearMonth month, long foldedBefore, long calls, long outcomes,
            LagWatch lag) {
        Await.until(Duration.ofMinutes(30), "reconcile-service to fold " + calls + " calls of " + month, () -> {
            ServiceProcess.sleep(800); // with Await's own 200 ms: a look a second, light on the measured services
            lag.sample();
            return counter(reconcile, "reconcile_traces_folded_total") >= foldedBefore + calls
                    && counter(reconcile, "reconcile_outcomes_recorded_total") >= outcomes
                    && holds(reconcile, month, calls, outcomes);
        });
    }

    /**
     * awaitFolded for a service with replicas, whose counters each count a share: reads `/api/usage` each second.
     */
    static void awaitFolded(ServiceProcess reconcile, YearMonth month, long calls, long outcomes, LagWatch lag) {
        Await.until(Duration.ofMinutes(30), "reconcile-service to fold " + calls + " calls of " + month, () -> {
            ServiceProcess.sleep(800);
            lag.sample();
            return holds(reconcile, month, calls, outcomes);
        });
    }

    /** Whether `/api/usage` counts the month's calls and the outcomes. */
    private static boolean holds(ServiceProcess reconcile, YearMonth month, long calls, long outcomes) {
        JsonNode usage = Http.get(reconcile.url() + "/api/usage?period=" + month).expect(200).json();
        return usage.path("calls").asLong() >= calls && usage.path("outcomes").asLong() >= outcomes;
    }

    /**
     * PostgreSQL's buffers and whether its shared memory is in huge pages: with them it took about a quarter less CPU
     * folding alone (session 37), so a figure means little without saying which.
     */
    static String sharedMemory(Database database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('shared_buffers'),"
                        + " current_setting('huge_pages_status'), current_setting('shared_memory_size_in_huge_pages')")) {
            rs.next();
            return String.format("PostgreSQL: shared_buffers %s, huge pages %s (%s of 2 MB would hold its shared memory;"
                    + " BENCH_HUGE_PAGES=on reserves them)", rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    /** One of reconcile-service's counters; 0 until it first moves. */
    private static double counter(ServiceProcess reconcile, String name) {
        return Http.metric(reconcile.url(), name).orElse(0);
    }

    /** A phase's upkeep, after reconcile-service has folded it: its signal hours merged, then the database vacuumed. */
    static void upkeep(ServiceProcess reconcile, LocalInfra infra, String after) throws Exception {
        awaitSignalsCompacted(reconcile, after);
        System.out.println(Upkeep.vacuum(infra.database()).line(after));
    }

    /**
     * Waits until reconcile-service has merged the operating-signal rows of every hour it appended to (its compactor
     * passes once a minute), so that the next phase does not do this one's merging: the end-to-end phase merged
     * the alone month's 744 hours until session 36 (about 1,800 statements, 5-6% of its statement time). Prints
     * how long that took and the CPU meanwhile.
     */
    static void awaitSignalsCompacted(ServiceProcess reconcile, String after) {
        CpuTimes.Phase cpu = CpuTimes.Phase.start(reconcile.pid());
        Instant start = Instant.now();
        Await.until(Duration.ofMinutes(5), "reconcile-service to compact the signals of " + after, () -> {
            ServiceProcess.sleep(800);
            return hoursToCompact(reconcile) == 0;
        });
        double waited = seconds(start);
        cpu.end();
        System.out.printf("  signals compacted %.1f s after %s; CPU meanwhile: %s%n", waited, after,
                cpu.processes(waited));
    }

    /** reconcile-service's gauge of the signal hours it has not merged yet. */
    static long hoursToCompact(ServiceProcess reconcile) {
        String gauge = "reconcile_signals_hours_to_compact";
        return (long) Http.metric(reconcile.url(), gauge).orElseThrow(
                () -> new IllegalStateException("reconcile-service's /q/metrics has no " + gauge));
    }

    /** The month's operating signals hold every call and every failed call once; prints how long a month's read takes. */
    static void checkSignals(ServiceProcess reconcile, ReconcileMonth.Expected expected) throws Exception {
        Instant start = Instant.now();
        JsonNode byModel = Http.get(reconcile.url() + "/api/signals?period=" + FIRST + "&by=model").expect(200).json();
        double read = seconds(start);
        long calls = 0;
        long errors = 0;
        StringBuilder p95 = new StringBuilder();
        for (Map.Entry<String, JsonNode> m : byModel.properties()) {
            calls += m.getValue().path("calls").asLong();
            errors += m.getValue().path("errors").asLong();
            p95.append(String.format(" %s %d ms;", m.getKey(), m.getValue().path("ttftMs").path("p95").asLong()));
        }
        System.out.printf("operating signals of %s by model, read in %.2f s: %,d calls, %,d failed; TTFT p95%s%n", FIRST,
                read, calls, errors, p95);
        if (calls != expected.calls || errors != expected.errors) {
            throw new IllegalStateException("operating signals hold " + calls + " calls and " + errors
                    + " failed; the generator sent " + expected.calls + " and " + expected.errors);
        }
    }

    /** The reconciliation's figures against the benchmark's own sums, to the cent. */
    static void check(JsonNode run, ReconcileMonth.Expected expected) {
        Map<String, BigDecimal> loaded = new HashMap<>();
        BigDecimal traced = BigDecimal.ZERO;
        for (JsonNode l : run.path("lcpr")) {
            loaded.put(l.path("workload").asText(), l.path("loadedCost").decimalValue());
            traced = traced.add(l.path("inferenceCost").decimalValue()).add(l.path("evalCost").decimalValue());
        }
        List<String> wrong = new ArrayList<>();
        Set<String> workloads = expected.byWorkload.keySet();
        for (String w : workloads) {
            BigDecimal want = cents(ReconcileMonth.dollars(expected.byWorkload.get(w)[0]));
            BigDecimal got = loaded.get(w) == null ? null : cents(loaded.get(w));
            if (!want.equals(got)) {
                wrong.add(w + ": expected " + want + ", reconciled " + got);
            }
        }
        if (!loaded.keySet().equals(workloads)) {
            wrong.add("workloads: expected " + workloads + ", reconciled " + loaded.keySet());
        }
        BigDecimal total = cents(ReconcileMonth.dollars(expected.totalE10()));
        if (!total.equals(cents(traced))) {
            wrong.add("trace-derived total: expected " + total + ", reconciled " + cents(traced));
        }
        System.out.printf("trace-derived total %s over %d workloads (%,d unpriced calls left out): %s%n", total,
                workloads.size(), expected.unpriced, wrong.isEmpty() ? "equal to the benchmark's own sum, to the cent,"
                        + " in total and per workload" : "DIFFERS: " + wrong);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the reconciled month differs from the generated one: " + wrong);
        }
    }

    /** A phase's CPU by process, and the machine's cores beside them. */
    private static void printCpu(String phase, CpuTimes.Phase cpu, double seconds) {
        System.out.printf("  CPU %s: %s%n", phase, cpu.processes(seconds));
        System.out.printf("  the machine: %s%n", cpu.machine(seconds));
    }

    private static void printStatements(String phase, StatementProfile profile) throws Exception {
        System.out.printf("  PostgreSQL statements %s (time inside the server, on CPU or waiting; share of all):%n",
                phase);
        profile.lines().forEach(line -> System.out.println("    " + line));
    }

    /** What the two months take in reconcile-service's schema, table with its indexes, and how its rows churned. */
    static void printSizes(LocalInfra infra) throws Exception {
        try (var c = IngestBenchmark.connect(infra)) {
            printSizes(c);
            printChurn(c);
        }
    }

    private static void printSizes(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("select relname,"
                + " pg_total_relation_size(c.oid), reltuples::bigint from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = 'reconcile' and c.relkind = 'r'"
                + " and relname in ('usage_call', 'usage_hourly', 'work_unit', 'outcome_verdict', 'signal_hourly',"
                + " 'signal_5m') order by 1")) {
            StringBuilder out = new StringBuilder("reconcile-service storage (both months, with indexes):");
            while (rs.next()) {
                out.append(String.format(" %s %,d MiB (%,d rows);", rs.getString(1), rs.getLong(2) >> 20,
                        rs.getLong(3)));
            }
            System.out.println(out);
        }
    }

    private static void printChurn(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("select relname,"
                + " n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, autovacuum_count from pg_stat_user_tables"
                + " where schemaname = 'reconcile' and relname in ('usage_call', 'usage_hourly', 'work_unit',"
                + " 'outcome_verdict') order by 1")) {
            // an update that is not HOT writes an entry in every index of the table, and leaves a dead row for
            // autovacuum: what judging a unit twice or moving an indexed column costs beyond the row itself
            StringBuilder out = new StringBuilder("reconcile-service row churn (both months):");
            while (rs.next()) {
                long updates = rs.getLong(3);
                out.append(String.format(" %s %,d inserted, %,d updated (%s HOT), %,d dead, %d autovacuums;",
                        rs.getString(1), rs.getLong(2), updates,
                        updates == 0 ? "none" : String.format("%.0f%%", 100.0 * rs.getLong(4) / updates),
                        rs.getLong(5), rs.getLong(6)));
            }
            System.out.println(out);
        }
    }

    private static BigDecimal cents(BigDecimal dollars) {
        return dollars.setScale(2, RoundingMode.HALF_UP);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toNanos() / 1e9;
    }

    /** The reconcile-service group's lag on llm.traces.v1, read from the broker as any operator would. */
    static final class LagWatch {
        private final String bootstrap;
        private long max;

        LagWatch(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void sample() {
            max = Math.max(max, lag(bootstrap));
        }

        /** The group's lag now; 0 while it has not committed (or the broker does not answer). */
        static long lag(String bootstrap) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("reconcile-service")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream()
                        .filter(tp -> tp.topic().equals(Topics.TRACES))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all()
                        .get();
                long lag = 0;
                for (var e : latest.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                return lag;
            } catch (Exception e) {
                return 0; // the group may not have committed yet: nothing to sample
            }
        }

        long max() {
            return max;
        }
    }
}
