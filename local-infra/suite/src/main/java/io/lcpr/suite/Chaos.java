package io.lcpr.suite;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.TopicReader;

/**
 * Faults while a month streams in: a client sends traces in batches (resending a batch answered 5xx or not at all,
 * as a real sender would) while, one after another, each service is killed with SIGKILL and started again, the
 * broker and PostgreSQL are stopped and started, and reconcile-service is paused past its consumer session. Then it
 * checks what the suite holds against what it sent: every trace stored once in ingest-service and folded once in
 * reconcile-service (counts and token sums), the month's reconciliation equal to its own arithmetic, the close's
 * allocation statement on Kafka once per team, nothing in any dead-letter topic, and prints how long each fault took
 * to heal. {@code ./suite.sh chaos} runs it in full; SuiteIT a short version.
 */
public final class Chaos {
    static final YearMonth MONTH = YearMonth.of(2025, 3);
    static final String WORKLOAD = "chaos";
    static final String TEAM = "chaos-team";
    static final String PROVIDER = "chaos-ai";
    static final String MODEL = "chaos-1";
    private static final int BATCH = 500;

    /** A fault: what it does to the suite and how the suite is made whole again. */
    public record Fault(String name, Step inject, Step heal) {
    }

    @FunctionalInterface
    public interface Step {
        void run(Suite suite) throws Exception;
    }

    /** What the run found. */
    public record Report(long sent, long resentBatches, long stored, long folded, long inputTokensStored,
            long inputTokensSent, BigDecimal inferenceCost, BigDecimal expectedCost, Map<String, Integer> statements,
            long deadLetters, Map<String, Duration> recoveries) {
        public long lost() {
            return Math.max(0, sent - Math.min(stored, folded));
        }

        public long duplicates() {
            return Math.max(0, Math.max(stored, folded) - sent);
        }
    }

    private Chaos() {
    }

    /** Every fault of the full run. */
    public static List<Fault> allFaults() {
        List<Fault> faults = new ArrayList<>();
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            faults.add(kill(s.module()));
        }
        faults.add(new Fault("restart the Kafka broker", s -> s.infra().stopBroker(), s -> s.infra().startBroker()));
        faults.add(new Fault("restart PostgreSQL", s -> s.infra().stopPostgres(), s -> s.infra().startPostgres()));
        faults.add(new Fault("pause reconcile-service past its consumer session (60 s)",
                s -> s.process("reconcile-service").signal("STOP"), s -> {
                    Thread.sleep(60_000);
                    s.process("reconcile-service").signal("CONT");
                }));
        return faults;
    }

    /** The short run: one kill of each service and one broker restart. */
    public static List<Fault> shortFaults() {
        List<Fault> faults = new ArrayList<>();
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            faults.add(kill(s.module()));
        }
        faults.add(new Fault("restart the Kafka broker", s -> s.infra().stopBroker(), s -> s.infra().startBroker()));
        return faults;
    }

    static Fault kill(String module) {
        return new Fault("SIGKILL " + module, s -> s.process(module).kill(),
                s -> s.restart(module, Duration.ofSeconds(180)));
    }

    public static Report run(Suite suite, int traces, List<Fault> faults, PrintStream out) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Http.postJson(suite.url("pricing-service") + "/api/pricing/snapshots", Map.of("provider", PROVIDER, "model",
                MODEL, "effective_from", "2025-01-01T00:00:00Z", "input_per_million", 1, "output_per_million", 4))
                .expect(200, 201);
        Http.putJson(suite.url("reconcile-service") + "/api/workloads/" + WORKLOAD, Map.of("owner_team", TEAM))
                .expect(200);
        long deadLettersBefore = deadLetters(suite.bootstrapServers());

        AtomicLong sentUpTo = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long pauseMs = Math.max(0, 1000L * 8 * faults.size() / Math.max(1, traces / BATCH)); // spread over the faults
        Thread client = new Thread(() -> {
            try {
                for (int from = 0; from < traces; from += BATCH) {
                    send(suite, run, from, Math.min(traces, from + BATCH), resent);
                    sentUpTo.set(Math.min(traces, from + BATCH));
                    Thread.sleep(pauseMs);
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "chaos-client");
        client.start();

        Map<String, Duration> recoveries = new LinkedHashMap<>();
        for (Fault f : faults) {
            Thread.sleep(2000);
            Instant t0 = Instant.now();
            out.printf("fault: %s (%,d traces sent so far)%n", f.name(), sentUpTo.get());
            f.inject().run(suite);
            Thread.sleep(1000);
            f.heal().run(suite);
            awaitWhole(suite);
            recoveries.put(f.name(), Duration.between(t0, Instant.now()));
            out.printf("  whole again after %.1f s%n", recoveries.get(f.name()).toMillis() / 1000.0);
        }
        client.join();
        if (failed.get() != null) {
            throw new IllegalStateException("the chaos client failed", failed.get());
        }

        String reconcile = suite.url("reconcile-service");
        Await.until(Duration.ofMinutes(10), () -> "reconcile-service to fold the " + traces + " traces of " + MONTH,
                () -> {
                    ServiceProcess.sleep(500);
                    return Http.get(reconcile + "/api/usage?period=" + MONTH).expect(200).json().path("calls")
                            .asLong() >= traces;
                });
        Thread.sleep(3000); // a duplicate folded late would show now
        long folded = Http.get(reconcile + "/api/usage?period=" + MONTH).expect(200).json().path("calls").asLong();
        long[] stored = stored(suite);
        long inputSent = 0;
        BigDecimal expected = BigDecimal.ZERO;
        for (int i = 0; i < traces; i++) {
            inputSent += input(i);
            expected = expected.add(BigDecimal.valueOf(input(i) + 4L * output(i)));
        }
        expected = expected.movePointLeft(6).setScale(2, RoundingMode.HALF_UP);

        JsonNode result = reconcile(suite);
        BigDecimal cost = BigDecimal.ZERO;
        for (JsonNode l : result.path("lcpr")) {
            if (WORKLOAD.equals(l.path("workload").asText())) {
                cost = l.path("inferenceCost").decimalValue().setScale(2, RoundingMode.HALF_UP);
            }
        }
        Map<String, Integer> statements = closeTwiceAndCount(suite);
        long deadLetters = deadLetters(suite.bootstrapServers()) - deadLettersBefore;
        Report report = new Report(traces, resent.get(), stored[0], folded, stored[1], inputSent, cost, expected,
                statements, deadLetters, recoveries);
        out.printf("sent %,d traces (%,d batches resent after a 5xx or no answer); ingest-service stored %,d, reconcile-"
                + "service folded %,d: lost %,d, counted twice %,d%n", report.sent(), report.resentBatches(),
                report.stored(), report.folded(), report.lost(), report.duplicates());
        out.printf("input tokens: sent %,d, stored %,d; %s's inference cost: reconciled %s, the harness's own sum %s%n",
                inputSent, stored[1], MONTH, cost, expected);
        out.printf("allocation statements on Kafka per team (closed twice): %s; records in dead-letter topics: %d%n",
                statements, deadLetters);
        return report;
    }

    /** One batch, sent until it is answered 200: a 5xx, a refused connection or a timeout is sent again. */
    private static void send(Suite suite, String run, int from, int to, AtomicLong resent) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = from; i < to; i++) {
            ObjectNode t = EventJson.MAPPER.valueToTree(TwelveRequestTrace.traces().get(0));
            String id = "chaos-" + run + "-" + i;
            t.put("request_id", id).put("work_unit_id", id).put("workload", WORKLOAD).put("team", TEAM)
                    .put("provider", PROVIDER).put("model", MODEL).put("attempt_kind", "first_attempt")
                    .put("started_at", MONTH.atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                            .plusSeconds(i % 2_500_000L).toString())
                    .put("input_tokens", input(i)).put("output_tokens", output(i)).put("cache_read_tokens", 0)
                    .put("cache_creation_tokens", 0).put("reasoning_tokens", 0);
            t.remove("parent_request_id");
            ndjson.append(EventJson.write(t)).append('\n');
        }
        byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url("ingest-service")
                    + "/api/traces")).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            int status;
            String answer;
            try {
                Http.Reply reply = Http.sendAs(request, LocalCredentials.senderBearer());
                status = reply.status();
                answer = reply.body();
            } catch (RuntimeException e) {
                status = -1;
                answer = e.getMessage();
            }
            if (status == 200) {
                return;
            }
            if (status >= 400 && status < 500) {
                throw new IllegalStateException("ingest refused a chaos batch (" + status + "): " + answer);
            }
            if (attempt == 0) {
                resent.incrementAndGet();
            }
            if (attempt > 600) {
                throw new IllegalStateException("a batch was not taken in 10 minutes: " + status + " " + answer);
            }
            Thread.sleep(1000);
        }
    }

    static long input(int i) {
        return 100 + i % 50;
    }

    static long output(int i) {
        return 10 + i % 7;
    }

    /** Every service ready again (the broker and the database included in their checks). */
    private static void awaitWhole(Suite suite) {
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            Await.until(Duration.ofMinutes(3), s.module() + " ready", () -> Http.sendAs(HttpRequest.newBuilder(URI
                    .create(suite.url(s.module()) + "/q/health/ready")).GET(), null).status() == 200);
        }
    }

    /** Traces of the month in ingest-service's own table, and their input tokens. */
    private static long[] stored(Suite suite) throws Exception {
        var db = suite.infra().database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                var ps = c.prepareStatement("select count(*), coalesce(sum(input_tokens), 0) from ingest.trace"
                        + " where workload = ? and started_at >= ? and started_at < ?")) {
            ps.setString(1, WORKLOAD);
            ps.setObject(2, MONTH.atDay(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(3, MONTH.plusMonths(1).atDay(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] { rs.getLong(1), rs.getLong(2) };
            }
        }
    }

    private static JsonNode reconcile(Suite suite) throws InterruptedException {
        String reconcile = suite.url("reconcile-service");
        JsonNode run = Http.postJson(reconcile + "/api/reconciliations", Map.of("period", MONTH.toString()))
                .expect(200, 201, 202).json();
        String id = run.path("runId").asText();
        while ("running".equals(run.path("status").asText())) { // a long run answers 202: follow it
            Thread.sleep(200);
            run = Http.get(reconcile + "/api/reconciliations/" + id).expect(200).json();
        }
        if (!"completed".equals(run.path("status").asText())) {
            throw new IllegalStateException("the run of " + MONTH + " ended " + run);
        }
        return run;
    }

    /**
     * Closes the month (forced: the chaos month has no invoices), then again; the distinct statements (CloudEvent
     * ids) per team on Kafka.
     */
    private static Map<String, Integer> closeTwiceAndCount(Suite suite) throws Exception {
        String chargeback = suite.url("chargeback-service");
        String close = chargeback + "/api/chargeback/periods/" + MONTH + "/close";
        Map<String, Object> body = Map.of("by", "chaos", "force_reason", "a month made by the chaos harness");
        Await.until(Duration.ofMinutes(2), "the month closed", () -> Http.postJson(close, body).status() == 200);
        Http.postJson(close, body).expect(200);
        var records = TopicReader.await(suite.bootstrapServers(), Topics.ALLOCATIONS_MONTHLY, r -> r.value() != null
                && r.value().contains("\"" + MONTH + "\""), Integer.MAX_VALUE, Duration.ofSeconds(15));
        Map<String, Set<String>> ids = new java.util.TreeMap<>();
        for (var r : records) {
            String ce = new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            ids.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(ce);
        }
        Map<String, Integer> perTeam = new java.util.TreeMap<>();
        ids.forEach((team, events) -> perTeam.put(team, events.size())); // a consumer dedupes by CloudEvent id
        return perTeam;
    }

    /** Records in every dead-letter topic so far (end offsets). */
    static long deadLetters(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicSpec t : Topics.DEAD_LETTERS) {
                for (int i = 0; i < t.partitions(); i++) {
                    partitions.add(new TopicPartition(t.name(), i));
                }
            }
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** {@code ./suite.sh chaos}: the full run on a suite of its own (CHAOS_TRACES, default 1,000,000). */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("suite.root", ".")).toAbsolutePath()
                .normalize();
        java.nio.file.Path work = root.resolve(".local/chaos-" + ProcessHandle.current().pid());
        int traces = Integer.parseInt(System.getenv().getOrDefault("CHAOS_TRACES", "1000000"));
        try (Suite suite = Suite.start(root, work, Map.of(), true)) {
            Report r = run(suite, traces, allFaults(), System.out);
            boolean whole = r.lost() == 0 && r.duplicates() == 0 && r.inferenceCost().equals(r.expectedCost())
                    && r.statements().values().stream().allMatch(n -> n == 1) && r.deadLetters() == 0;
            System.out.println(whole ? "chaos: nothing lost, nothing counted twice" : "chaos: NOT WHOLE, see above");
            System.exit(whole ? 0 : 1);
        }
    }
}
