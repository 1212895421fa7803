package io.lcpr.suite;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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

import io.lcpr.events.TopicSpec;
import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.TopicReader;
import io.lcpr.infra.TopicWriter;

/**
 * Faults while a month streams in: a client sends traces and, ahead of them, eval verdicts for a third of the units in
 * batches (resending a batch answered 5xx or not at all, as a real sender would) and the month is reconciled every few
 * seconds, while, one after another and spread over the stream, each service is killed with SIGKILL and started
 * again, the broker is restarted, PostgreSQL is stopped for 15 s with reconcile-service behind, and reconcile-service
 * is paused past its consumer session. A few unreadable records are written straight to the topics on purpose. Then
 * it checks what the suite holds against what it sent: every trace and verdict stored once in ingest-service and
 * folded once in reconcile-service (counts and token sums), the month's reconciliation (cost and accepted units) equal
 * to its own arithmetic, the close's allocation statement on Kafka once per team, exactly the unreadable records in
 * reconcile-service's dead-letter topic and nothing elsewhere, the database outage met with records in hand (the
 * service's log), and prints how long each fault took to heal. {@code ./suite.sh chaos} runs it in full; SuiteIT a
 * short version.
 */
public final class Chaos {
    static final YearMonth MONTH = YearMonth.of(2025, 3);
    static final String WORKLOAD = "chaos";
    static final String TEAM = "chaos-team";
    static final String PROVIDER = "chaos-ai";
    static final String MODEL = "chaos-1";
    static final StreamedMonth STREAM = new StreamedMonth(MONTH, WORKLOAD, TEAM, PROVIDER, MODEL);
    private static final int BATCH = 500;
    private static final TopicSpec TRACES_TOPIC = Topics.EVENTS.stream().filter(t -> t.name().equals(Topics.TRACES))
            .findFirst().orElseThrow();
    static final String POSTGRES_FAULT = "stop PostgreSQL for 15 s, reconcile-service behind";
    /** What DatabaseOutage logs each time a consumer meets an unreachable database and keeps its records. */
    static final String OUTAGE_WAIT = "none dead-lettered";
    /** Unreadable records written straight to llm.traces.v1 and llm.outcomes.v1: they belong in the dead letters. */
    static final List<String> POISON = List.of("{\"request_id\": \"chaos-poison\", truncated", "not json at all",
            "[1, 2, 3]");

    /** A fault: what it does to the suite and how the suite is made whole again. */
    public record Fault(String name, Step inject, Step heal) {
    }

    @FunctionalInterface
    public interface Step {
        void run(Suite suite) throws Exception;
    }

    /** What the run found. */
    public record Report(long sent, long resentBatches, long stored, long folded, long inputTokensStored,
            long inputTokensSent, long verdictsSent, long verdictsStored, long verdictsFolded, long acceptedUnits,
            long expectedAccepted, BigDecimal inferenceCost, BigDecimal expectedCost, long runsDuringFaults,
            Map<String, Integer> statements, long poisonSent, long poisonDeadLettered, long otherDeadLetters,
            long outageWaits, Map<String, Duration> recoveries) {
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
        // 15 s, as long as a managed database's failover and longer than any consumer's retries; reconcile-service is
        // held back first until 2,000 traces it has not read wait for it (60 s at most), so that it meets the outage with
        // records in hand: its log must then show it waiting (OUTAGE_WAIT), and nothing may reach a dead-letter topic
        faults.add(new Fault(POSTGRES_FAULT, s -> {
            s.process("reconcile-service").signal("STOP");
            // published after the stop, so unread: counted from the topic's end, not from the group's committed
            // offsets (they trail what was handled, and read no lag at all for a whole wait in one try)
            long stoppedAt = endOffsets(s.bootstrapServers(), TRACES_TOPIC);
            long until = System.currentTimeMillis() + 60_000;
            while (endOffsets(s.bootstrapServers(), TRACES_TOPIC) - stoppedAt < 2_000
                    && System.currentTimeMillis() < until) {
                Thread.sleep(200);
            }
            long unread = endOffsets(s.bootstrapServers(), TRACES_TOPIC) - stoppedAt;
            s.infra().stopPostgres();
            System.out.printf("  PostgreSQL stopped with %,d traces reconcile-service has not read%n", unread);
            s.process("reconcile-service").signal("CONT");
        }, s -> {
            Thread.sleep(14_000);
            s.infra().startPostgres();
        }));
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
        STREAM.define(suite);
        Map<String, Long> deadLettersBefore = deadLetters(suite.bootstrapServers());
        for (String topic : List.of(Topics.TRACES, Topics.OUTCOMES)) {
            TopicWriter.send(suite.bootstrapServers(), topic, "chaos-poison", POISON.toArray(String[]::new));
        }

        AtomicLong sentUpTo = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger healed = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        // The stream is cut into one segment per fault and a last one: fault k strikes halfway through segment k, and
        // the client does not pass the segment's end until the suite is whole again, so every fault meets traffic
        // and the faults are spread over the whole month, not crowded into its first part
        long segment = Math.max(BATCH, (long) traces / (faults.size() + 1));
        Thread client = new Thread(() -> {
            try {
                for (int from = 0; from < traces; from += BATCH) {
                    while (healed.get() < faults.size() && from >= segment * (healed.get() + 1)) {
                        Thread.sleep(50);
                    }
                    int to = Math.min(traces, from + BATCH);
                    StreamedMonth.send(suite, "/api/outcomes", STREAM.verdicts(run, from, to), resent); // ahead
                    StreamedMonth.send(suite, "/api/traces", STREAM.traces(run, from, to), resent);
                    sentUpTo.set(to);
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "chaos-client");
        client.start();
        AtomicLong runs = new AtomicLong();
        Thread reconciler = Soak.every(Duration.ofSeconds(5), "chaos-reconciler", () -> {
            if (postRun(suite)) {
                runs.incrementAndGet();
            }
        });

        Map<String, Duration> recoveries = new LinkedHashMap<>();
        for (int k = 0; k < faults.size(); k++) {
            Fault f = faults.get(k);
            long strikeAt = segment * k + segment / 2;
            while (sentUpTo.get() < strikeAt && client.isAlive()) {
                Thread.sleep(50);
            }
            Instant t0 = Instant.now();
            out.printf("fault: %s (%,d traces sent so far)%n", f.name(), sentUpTo.get());
            f.inject().run(suite);
            Thread.sleep(1000);
            f.heal().run(suite);
            awaitWhole(suite);
            recoveries.put(f.name(), Duration.between(t0, Instant.now()));
            healed.incrementAndGet();
            out.printf("  whole again after %.1f s%n", recoveries.get(f.name()).toMillis() / 1000.0);
        }
        client.join();
        reconciler.interrupt();
        reconciler.join();
        if (failed.get() != null) {
            throw new IllegalStateException("the chaos client failed", failed.get());
        }

        Await.until(Duration.ofMinutes(10), () -> "reconcile-service to fold the " + traces + " traces of " + MONTH,
                () -> {
                    ServiceProcess.sleep(500);
                    return STREAM.folded(suite) >= traces;
                });
        Thread.sleep(3000); // a duplicate folded late would show now
        long folded = STREAM.folded(suite);
        StreamedMonth.Stored stored = STREAM.stored(suite, run);
        StreamedMonth.Expected expected = STREAM.expected(traces);
        Map.Entry<BigDecimal, Long> costAndAccepted = STREAM.costAndAccepted(reconcile(suite, MONTH));
        Map<String, Integer> statements = closeTwiceAndCount(suite);
        Map<String, Long> deadLettersAfter = deadLetters(suite.bootstrapServers());
        long poisonDead = deadLettersAfter.get(Topics.RECONCILE_DLQ) - deadLettersBefore.get(Topics.RECONCILE_DLQ);
        long otherDead = deadLettersAfter.entrySet().stream().filter(e -> !e.getKey().equals(Topics.RECONCILE_DLQ))
                .mapToLong(e -> e.getValue() - deadLettersBefore.get(e.getKey())).sum();
        Report report = new Report(traces, resent.get(), stored.traces(), folded, stored.inputTokens(),
                expected.inputTokens(), expected.verdicts(), stored.verdicts(), stored.verdictsFolded(),
                costAndAccepted.getValue(), expected.accepted(), costAndAccepted.getKey(), expected.inferenceCost(),
                runs.get(), statements, 2L * POISON.size(), poisonDead, otherDead,
                suite.logLines("reconcile-service", OUTAGE_WAIT), recoveries);
        out.printf("sent %,d traces (%,d batches resent after a 5xx or no answer); ingest-service stored %,d, reconcile-"
                + "service folded %,d: lost %,d, counted twice %,d%n", report.sent(), report.resentBatches(),
                report.stored(), report.folded(), report.lost(), report.duplicates());
        out.printf("eval verdicts: sent %,d, stored %,d, folded %,d; accepted units: reconciled %,d, the harness's own"
                + " count %,d%n", report.verdictsSent(), report.verdictsStored(), report.verdictsFolded(),
                report.acceptedUnits(), report.expectedAccepted());
        out.printf("input tokens: sent %,d, stored %,d; %s's inference cost: reconciled %s, the harness's own sum %s%n",
                report.inputTokensSent(), report.inputTokensStored(), MONTH, report.inferenceCost(),
                report.expectedCost());
        out.printf("reconciliations completed while the faults struck: %,d%n", runs.get());
        out.printf("allocation statements on Kafka per team (closed twice): %s; unreadable records written %d, in"
                + " reconcile-service.dlq %d; records in other dead-letter topics: %d%n", statements,
                report.poisonSent(), poisonDead, otherDead);
        out.printf("times reconcile-service met an unreachable database with records in hand and kept them: %,d%n",
                report.outageWaits());
        return report;
    }

    /** Asks for a run of the month, as a scheduled job would; whether it completed (the service may be down). */
    private static boolean postRun(Suite suite) {
        try {
            Http.Reply reply = Http.sendAs(HttpRequest.newBuilder(URI.create(suite.url("reconcile-service")
                    + "/api/reconciliations")).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"period\":\"" + MONTH + "\"}")),
                    LocalCredentials.adminBearer());
            return reply.status() == 200 || reply.status() == 201;
        } catch (RuntimeException e) {
            return false; // down or restarting: the next tick asks again
        }
    }

    /** Every service ready again (the broker and the database included in their checks). */
    private static void awaitWhole(Suite suite) {
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            Await.until(Duration.ofMinutes(3), s.module() + " ready", () -> Http.sendAs(HttpRequest.newBuilder(URI
                    .create(suite.url(s.module()) + "/q/health/ready")).GET(), null).status() == 200);
        }
    }

    /**
     * Reconciles the month and follows the run. A run that failed is asked for again once: the periodic runs may have
     * left one abandoned by a killed instance, which reconcile-service fails when its heartbeat is stale.
     */
    static JsonNode reconcile(Suite suite, YearMonth month) throws InterruptedException {
        String reconcile = suite.url("reconcile-service");
        JsonNode run = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            run = Http.postJson(reconcile + "/api/reconciliations", Map.of("period", month.toString()))
                    .expect(200, 201, 202, 500).json();
            String id = run.path("runId").asText();
            while ("running".equals(run.path("status").asText())) { // a long run answers 202: follow it
                Thread.sleep(200);
                run = Http.get(reconcile + "/api/reconciliations/" + id).expect(200).json();
            }
            if ("completed".equals(run.path("status").asText())) {
                return run;
            }
        }
        throw new IllegalStateException("the run of " + month + " ended " + run);
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

    /** Records in each dead-letter topic so far (end offsets). */
    static Map<String, Long> deadLetters(String bootstrap) {
        Map<String, Long> perTopic = new java.util.TreeMap<>();
        for (TopicSpec t : Topics.DEAD_LETTERS) {
            perTopic.put(t.name(), endOffsets(bootstrap, t));
        }
        return perTopic;
    }

    /** Records written to the topic so far: its end offsets summed over its partitions. */
    static long endOffsets(String bootstrap, TopicSpec topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < topic.partitions(); i++) {
                partitions.add(new TopicPartition(topic.name(), i));
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
        String only = System.getenv().getOrDefault("CHAOS_FAULTS", ""); // e.g. "PostgreSQL" to try one fault alone
        List<Fault> faults = allFaults().stream().filter(f -> f.name().contains(only)).toList();
        boolean whole;
        try (Suite suite = Suite.start(root, work, Map.of(), true)) { // closed before the exit: no service outlives it
            Report r = run(suite, traces, faults, System.out);
            whole = r.lost() == 0 && r.duplicates() == 0 && r.inferenceCost().equals(r.expectedCost())
                    && r.verdictsStored() == r.verdictsSent() && r.verdictsFolded() == r.verdictsSent()
                    && r.acceptedUnits() == r.expectedAccepted()
                    && r.statements().values().stream().allMatch(n -> n == 1)
                    && r.poisonDeadLettered() == r.poisonSent() && r.otherDeadLetters() == 0
                    && (r.outageWaits() > 0 || faults.stream().noneMatch(f -> f.name().equals(POSTGRES_FAULT)));
        }
        System.out.println(whole ? "chaos: nothing lost, nothing counted twice" : "chaos: NOT WHOLE, see above");
        System.exit(whole ? 0 : 1);
    }
}
