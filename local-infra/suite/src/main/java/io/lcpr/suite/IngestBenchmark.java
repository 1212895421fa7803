package io.lcpr.suite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfra;
import io.lcpr.infra.Ports;

/**
 * Ingest throughput, measured against a baseline taken in the same run: NDJSON batches through the running
 * ingest-service until every trace is stored and published to Kafka (the outbox drained), against PostgreSQL's
 * own {@code COPY} (text and binary, the faster counts) of the same rows into a table of the same shape and
 * indexes. Prints traces/s, p99 batch latency, the service's peak RSS, CPU per process and per service thread group,
 * and the ratio. Settings: BENCH_TRACES (1000000), BENCH_BATCH (2000), BENCH_CLIENTS (4), BENCH_WARMUP_TRACES
 * (60000 a round, not counted), BENCH_WARMUP_BATCH (200, every other round; the rest in BENCH_BATCH),
 * BENCH_WARMUP_ROUNDS (at most 40, fewer once the JIT has settled), BENCH_SERVICE_JVM_OPTS (-Xmx256m -Xmn150m
 * -XX:+UseParallelGC, and -XX:+UseCompactObjectHeaders on a JDK from 25).
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int total = Integer.parseInt(env.getOrDefault("BENCH_TRACES", "1000000"));
        int batch = Integer.parseInt(env.getOrDefault("BENCH_BATCH", "2000"));
        int clients = Integer.parseInt(env.getOrDefault("BENCH_CLIENTS", "4"));
        int warm = Integer.parseInt(env.getOrDefault("BENCH_WARMUP_TRACES", "60000"));
        // Warm-up rounds alternate two batch sizes. Small batches run per-request and per-chunk code (HTTP,
        // transactions, JDBC, the Kafka client's network loop) often enough to reach C2 before the clock starts, as
        // it does after minutes in a long-running service. Batches of the measured size fill whole chunks, which
        // takes branches a small batch never does: with small batches alone the measured run set off some 400
        // compilations.
        int warmBatch = Integer.parseInt(env.getOrDefault("BENCH_WARMUP_BATCH", "200"));
        int rounds = Integer.parseInt(env.getOrDefault("BENCH_WARMUP_ROUNDS", "40"));
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("ingest-bench");
        try (LocalInfra infra = LocalInfra.start(work, Map.of())) {
            Map<String, String> serviceEnv = infra.serviceEnvironment();
            // Full JIT, unlike the quick-start options of the suite's tests: throughput is what is measured here. A
            // young generation over half the heap: with the default third, the requests in flight and the publisher's
            // queue outlived young collections (four a second with eight clients) and were promoted, then collected by
            // full GCs.
            String jvm = env.getOrDefault("BENCH_SERVICE_JVM_OPTS",
                    "-Xmx256m -Xmn150m -XX:+UseParallelGC" + ServiceProcess.COMPACT_HEADERS);
            try (ServiceProcess ingest = ServiceProcess.start(root, "ingest-service", Ports.free(), serviceEnv,
                    work.resolve("logs"), jvm)) {
                ingest.awaitReady(Duration.ofSeconds(120));
                System.out.printf("ingest-service up (%s); %d traces in batches of %d, %d clients%n", jvm, total, batch,
                        clients);
                int first = warmUp(infra, ingest, warm, new int[] { warmBatch, batch }, clients, rounds);
                Copy copyBefore = copyBaseline(infra, total);
                List<byte[]> bodies = bodies(first, first + total, batch, MEASURED_START);
                CpuTimes.Phase cpu = CpuTimes.Phase.start(ingest.pid());
                Instant start = Instant.now();
                List<Long> latencies = post(ingest, bodies, clients);
                Instant stored = Instant.now();
                awaitPublished(infra);
                Instant published = Instant.now();
                cpu.end();
                double storedSeconds = Duration.between(start, stored).toNanos() / 1e9;
                double publishedSeconds = Duration.between(start, published).toNanos() / 1e9;
                Collections.sort(latencies);
                long p99 = latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1));
                double serviceRate = total / publishedSeconds;
                // COPY is timed before and after the service run; the faster of the two is the (stricter) baseline.
                Copy copyAfter = copyBaseline(infra, total);
                double copyRate = Math.max(copyBefore.best(), copyAfter.best());
                System.out.println();
                System.out.printf("service: %,d traces stored in %.2f s (%,.0f traces/s), stored and published to "
                        + "Kafka in %.2f s (%,.0f traces/s)%n", total, storedSeconds, total / storedSeconds,
                        publishedSeconds, serviceRate);
                System.out.printf("p99 batch latency: %d ms (batch of %d)%n", p99, batch);
                System.out.printf("ingest-service peak RSS: %d MiB%n", ingest.peakRssBytes() / (1024 * 1024));
                System.out.printf("CPU while storing and publishing: %s%n", cpu.processes(publishedSeconds));
                System.out.printf("  the machine: %s%n", cpu.machine(publishedSeconds));
                System.out.printf("ingest-service threads: %s%n", cpu.serviceThreads(publishedSeconds));
                System.out.printf("postgresql processes: %s%n", cpu.postgres(publishedSeconds));
                System.out.printf("kafka threads: %s%n", cpu.broker(publishedSeconds));
                System.out.printf("raw COPY baseline: %,.0f rows/s, the fastest of text and binary COPY before and after"
                        + " the run (text %,.0f / %,.0f, binary %,.0f / %,.0f)%n", copyRate, copyBefore.text(),
                        copyAfter.text(), copyBefore.binary(), copyAfter.binary());
                System.out.printf("ratio service / COPY: %.2f (target >= 0.50; target rate >= 50,000 traces/s)%n",
                        serviceRate / copyRate);
            }
        }
        dropData(work);
    }

    // Warm-up traces start in the month before the measured ones, so they fill another partition: the measured
    // traces go into an empty month, as the baseline's rows go into an empty table. Indexes keyed by random ids grow
    // slower to insert into as they outgrow the buffer cache; a partition holding the warm-up's millions would make
    // the comparison depend on how many warm-up rounds the JIT happened to need.
    static final String WARM_UP_START = "2026-03-15T09:00:00Z";
    static final String MEASURED_START = "2026-04-15T09:00:00Z";

    static String line(int i, String startedAt) {
        return "{\"request_id\":\"bench-" + i + "\",\"work_unit_id\":\"wu-" + (i / 2) + "\",\"attempt_kind\":\""
                + (i % 2 == 0 ? "first_attempt" : "retry") + "\",\"workload\":\"bench\",\"team\":\"t" + (i % 7)
                + "\",\"provider\":\"openai\",\"model\":\"gpt-4.1-mini\",\"started_at\":\"" + startedAt + "\","
                + "\"input_tokens\":2400,\"cache_read_tokens\":1800,\"output_tokens\":220,\"ttft_ms\":380,\"e2e_ms\":2100}";
    }

    /** NDJSON bodies for traces [from, to), built before the clock starts so the client's work is not timed. */
    static List<byte[]> bodies(int from, int to, int batch, String startedAt) {
        List<byte[]> bodies = new ArrayList<>();
        for (int first = from; first < to; first += batch) {
            StringBuilder body = new StringBuilder(batch * 330);
            for (int i = first; i < Math.min(to, first + batch); i++) {
                body.append(line(i, startedAt)).append('\n');
            }
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** Posts the bodies from several clients; returns each batch's latency in ms. */
    static List<Long> post(ServiceProcess ingest, List<byte[]> bodies, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(ingest.url() + "/api/traces");
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < bodies.size()) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/x-ndjson")
                            .header("Authorization", LocalCredentials.senderBearer())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies.add((System.nanoTime() - t0) / 1_000_000);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return latencies;
    }

    static void awaitPublished(LocalInfra infra) {
        Await.until(Duration.ofMinutes(10), "the outbox and chunk tables to drain", () -> {
            try (Connection c = connect(infra);
                    var rs = c.createStatement().executeQuery(
                            "select (select count(*) from ingest.outbox_message where published_at is null)"
                            + " + (select count(*) from ingest.trace_chunk where published_at is null)"
                            + " + (select count(*) from ingest.outcome_chunk where published_at is null)")) {
                rs.next();
                return rs.getLong(1) == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Sends rounds of {@code warm} traces, not counted, in batches of each size in turn, until the JIT compiler has
     * settled (under a tenth of the service's CPU in a round of each size in a row) or {@code rounds} are done: the
     * rate asked for is the sustained one, and on two cores a compiler still at work takes its share from the
     * service. Returns the first trace number not sent.
     */
    static int warmUp(LocalInfra infra, ServiceProcess ingest, int warm, int[] batches, int clients, int rounds)
            throws Exception {
        int first = 0;
        int settled = 0; // rounds in a row under the threshold
        for (int round = 1; round <= rounds && settled < batches.length; round++) {
            int batch = batches[(round - 1) % batches.length];
            List<byte[]> bodies = bodies(first, first + warm, batch, WARM_UP_START);
            CpuTimes.JvmThreads before = CpuTimes.serviceThreads(ingest.pid());
            long t0 = System.nanoTime();
            post(ingest, bodies, clients);
            awaitPublished(infra);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> byGroup = before.byGroup(CpuTimes.serviceThreads(ingest.pid()));
            first += warm;
            double all = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
            double jit = byGroup.getOrDefault("JIT compiler", 0.0);
            double share = all > 0 ? jit / all : 0;
            System.out.printf("warm-up %d (batches of %d): %,.0f traces/s, JIT compiler %.0f%% of the service's CPU%n",
                    round, batch, warm / seconds, share * 100);
            settled = share < 0.10 ? settled + 1 : 0;
        }
        return first;
    }

    /** Rows per second of text and of binary COPY. */
    record Copy(double text, double binary) {
        double best() {
            return Math.max(text, binary);
        }
    }

    /**
     * COPY of the same rows into a table shaped and indexed like ingest.trace, in the same database: as CSV text,
     * then, into an emptied table, as binary (the bytes PostgreSQL itself writes for those rows).
     */
    static Copy copyBaseline(LocalInfra infra, int total) throws Exception {
        try (Connection c = connect(infra)) {
            c.createStatement().execute("create table ingest.bench_copy (like ingest.trace including all)");
            StringBuilder csv = new StringBuilder(total * 160);
            for (int i = 0; i < total; i++) {
                csv.append(i).append(",2026-04-01,").append(UUID.nameUUIDFromBytes(("copy:" + i).getBytes(StandardCharsets.UTF_8)))
                        .append(",copy:").append(i).append(",bench-").append(i).append(",wu-").append(i / 2).append(',')
                        .append(i % 2 == 0 ? "first_attempt" : "retry").append(",bench,t").append(i % 7)
                        .append(",openai,gpt-4.1-mini,standard,2026-04-15T09:00:00Z,2400,1800,0,220,380,2100\n");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            copy.copyIn("copy ingest.bench_copy (id, month, event_id, dedupe_key, request_id, "
                    + "work_unit_id, attempt_kind, workload, team, provider, model, service_tier, started_at, "
                    + "input_tokens, cache_read_tokens, cache_creation_tokens, output_tokens, ttft_ms, e2e_ms) "
                    + "from stdin (format csv)", new StringReader(csv.toString()));
            double text = total / ((System.nanoTime() - t0) / 1e9);
            ByteArrayOutputStream binary = new ByteArrayOutputStream(total * 300);
            copy.copyOut("copy ingest.bench_copy to stdout (format binary)", binary);
            c.createStatement().execute("truncate ingest.bench_copy");
            t0 = System.nanoTime();
            copy.copyIn("copy ingest.bench_copy from stdin (format binary)", new ByteArrayInputStream(binary.toByteArray()));
            double bin = total / ((System.nanoTime() - t0) / 1e9);
            c.createStatement().execute("drop table ingest.bench_copy");
            return new Copy(text, bin);
        }
    }

    static Connection connect(LocalInfra infra) throws Exception {
        return DriverManager.getConnection(infra.database().jdbcUrl(), infra.database().username(),
                infra.database().password());
    }

    /**
     * Deletes a benchmark's database and broker data (gigabytes at 10 million traces), keeping its service logs;
     * BENCH_KEEP_DATA=true keeps everything.
     */
    static void dropData(Path work) throws IOException {
        if (Boolean.parseBoolean(System.getenv("BENCH_KEEP_DATA"))) {
            System.out.println("data kept in " + work);
            return;
        }
        Path logs = work.resolve("logs");
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.startsWith(logs) && !p.equals(work)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.out.println("service logs in " + logs);
    }
}
