package io.lcpr.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.infra.Await;

/**
 * A long run at a steady rate the whole pipeline sustains: a client streams a month (traces and their verdicts) at
 * {@code SOAK_RATE} traces/s for {@code SOAK_MINUTES}, a job reconciles the month every minute, and a probe reads one
 * endpoint of each service every second. It samples each service's RSS, ingest-service's unpublished records and
 * reconcile-service's consumer lag, then compares the first window of the run (after a minute of warm-up) with the
 * last: RSS and p99 latency must not grow past the stated bounds, backlog and lag must stay bounded, and every trace
 * sent must be stored and folded once. {@code ./suite.sh soak}.
 */
public final class Soak {
    static final YearMonth MONTH = YearMonth.of(2025, 6);
    static final StreamedMonth STREAM = new StreamedMonth(MONTH, "soak", "soak-team", "soak-ai", "soak-1");
    private static final int BATCH = 500;
    /** RSS may grow by this factor plus 32 MiB between the windows, and stays under 512 MiB (the pods' limit). */
    static final double RSS_GROWTH = 1.2;
    static final long RSS_SLACK_BYTES = 32L << 20;
    static final long RSS_LIMIT_BYTES = 512L << 20;
    /** p99 in the last window at most twice the first window's, plus 25 ms (noise of a shared 2-core machine). */
    static final double P99_GROWTH = 2.0;
    static final long P99_SLACK_MS = 25;

    /** One observation: when (ms since the start) and a value. */
    record Sample(long atMs, long value) {
    }

    private final Suite suite;
    private final int rate;
    private final Duration length;
    private final long t0 = System.currentTimeMillis();
    private final Map<String, ConcurrentLinkedQueue<Sample>> latencies = new LinkedHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Sample>> rss = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Sample> unpublished = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> lag = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> runs = new ConcurrentLinkedQueue<>();
    private final AtomicLong failedRuns = new AtomicLong();

    Soak(Suite suite, int rate, Duration length) {
        this.suite = suite;
        this.rate = rate;
        this.length = length;
        latencies.put("ingest-service POST /api/traces (500)", new ConcurrentLinkedQueue<>());
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            latencies.put(s.module() + " " + probe(s.module()).getKey(), new ConcurrentLinkedQueue<>());
            rss.put(s.module(), new ConcurrentLinkedQueue<>());
        }
    }

    /** The read each service is probed with: a label and the request. */
    private Map.Entry<String, HttpRequest.Builder> probe(String module) {
        String base = suite.url(module);
        return switch (module) {
            case "ingest-service" -> get("GET /api/traces/backlog", base + "/api/traces/backlog?period=" + MONTH);
            case "pricing-service" -> get("GET /api/pricing/aliases", base + "/api/pricing/aliases");
            case "reconcile-service" -> get("GET /api/usage", base + "/api/usage?period=" + MONTH);
            case "chargeback-service" -> get("GET /api/teams", base + "/api/teams");
            default -> Map.entry("POST /graphql (lcpr)", HttpRequest.newBuilder(URI.create(base + "/graphql"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"{ lcpr(period: \\\"" + MONTH + "\\\", workload: \\\"soak\\\") { loadedCost"
                                    + " acceptedUnits } }\"}")));
        };
    }

    private static Map.Entry<String, HttpRequest.Builder> get(String label, String url) {
        return Map.entry(label, HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private long now() {
        return System.currentTimeMillis() - t0;
    }

    /** Streams, probes, samples and reconciles for the run's length; then checks what the suite holds. */
    boolean run(PrintStream out) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        STREAM.define(suite);
        long total = (long) rate * length.toSeconds();
        AtomicLong sent = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        out.printf("soak: %,d traces/s for %d min (%,d traces of %s), reconciled every minute%n", rate,
                length.toMinutes(), total, MONTH);
        List<Thread> helpers = new ArrayList<>();
        helpers.add(every(Duration.ofSeconds(1), "soak-probe", this::probeAll));
        helpers.add(every(Duration.ofSeconds(10), "soak-sampler", this::sample));
        helpers.add(every(Duration.ofSeconds(60), "soak-reconciler", this::reconcile));
        Thread client = new Thread(() -> {
            try {
                var ingest = latencies.get("ingest-service POST /api/traces (500)");
                for (long from = 0; from < total; from += BATCH) {
                    long due = from * 1000 / rate; // paced: batch k leaves at k x 500 / rate seconds
                    long wait = due - now();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    long to = Math.min(total, from + BATCH);
                    StreamedMonth.send(suite, "/api/outcomes", STREAM.verdicts(id, from, to), resent);
                    ingest.add(new Sample(now(), StreamedMonth.send(suite, "/api/traces", STREAM.traces(id, from, to),
                            resent)));
                    sent.set(to);
                    if (to % (rate * 60L) < BATCH) {
                        out.printf("  %d min: %,d traces sent%n", now() / 60_000, to);
                    }
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "soak-client");
        client.start();
        client.join();
        long streamedMs = now();
        helpers.forEach(Thread::interrupt);
        for (Thread t : helpers) {
            t.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the soak client failed", failed.get());
        }
        Await.until(Duration.ofMinutes(15), () -> "reconcile-service to fold the soak's " + total + " traces",
                () -> {
                    ServiceProcess.sleep(1000);
                    return STREAM.folded(suite) >= total;
                });
        long caughtUpMs = now() - streamedMs;
        Thread.sleep(3000);
        long folded = STREAM.folded(suite);
        StreamedMonth.Stored stored = STREAM.stored(suite, id);
        return report(out, total, stored, folded, resent.get(), streamedMs, caughtUpMs);
    }

    private boolean report(PrintStream out, long total, StreamedMonth.Stored stored, long folded, long resent,
            long streamedMs, long caughtUpMs) throws IOException {
        long windowMs = Math.max(60_000, length.toMillis() / 6);
        long startFrom = 60_000; // the first minute warms the JIT and the pools up
        long endFrom = streamedMs - windowMs;
        boolean whole = true;
        out.printf("%nsent %,d traces in %.1f min (%,d batches resent); ingest-service stored %,d, reconcile-service"
                + " folded %,d (caught up %.1f s after the last batch)%n", total, streamedMs / 60_000.0, resent,
                stored.traces(), folded, caughtUpMs / 1000.0);
        whole &= stored.traces() == total && folded == total;
        out.printf("windows compared: minutes %.0f-%.0f and %.0f-%.0f%n", startFrom / 60_000.0,
                (startFrom + windowMs) / 60_000.0, endFrom / 60_000.0, streamedMs / 60_000.0);
        out.println("| service | RSS first window (max) | RSS last window (max) | bound |");
        out.println("|---|---|---|---|");
        for (var e : rss.entrySet()) {
            long first = max(e.getValue(), startFrom, startFrom + windowMs);
            long last = max(e.getValue(), endFrom, streamedMs);
            long bound = Math.min(RSS_LIMIT_BYTES, (long) (first * RSS_GROWTH) + RSS_SLACK_BYTES);
            boolean ok = last <= bound;
            whole &= ok;
            out.printf("| %s | %d MiB | %d MiB | %d MiB %s |%n", e.getKey(), first >> 20, last >> 20, bound >> 20,
                    ok ? "ok" : "EXCEEDED");
        }
        out.println("| request | p99 first window | p99 last window | bound |");
        out.println("|---|---|---|---|");
        for (var e : latencies.entrySet()) {
            long first = p99(e.getValue(), startFrom, startFrom + windowMs);
            long last = p99(e.getValue(), endFrom, streamedMs);
            long bound = (long) (first * P99_GROWTH) + P99_SLACK_MS;
            boolean ok = last <= bound;
            whole &= ok;
            out.printf("| %s | %d ms | %d ms | %d ms %s |%n", e.getKey(), first, last, bound, ok ? "ok" : "EXCEEDED");
        }
        long tenSeconds = rate * 10L;
        for (var e : Map.of("ingest-service unpublished records", unpublished, "reconcile-service consumer lag", lag)
                .entrySet()) {
            long first = max(e.getValue(), startFrom, startFrom + windowMs);
            long last = max(e.getValue(), endFrom, streamedMs);
            long bound = 2 * first + tenSeconds;
            boolean ok = last <= bound;
            whole &= ok;
            out.printf("%s: highest %,d over the run, %,d in the first window, %,d in the last (bound %,d: twice the"
                    + " first plus 10 s of traffic) %s%n", e.getKey(), max(e.getValue(), 0, Long.MAX_VALUE), first,
                    last, bound, ok ? "ok" : "EXCEEDED");
        }
        List<Long> durations = runs.stream().map(Sample::value).toList();
        out.printf("reconciliations of %s: %d completed, %d failed; first %d ms, last %d ms, longest %d ms%n", MONTH,
                durations.size(), failedRuns.get(), durations.isEmpty() ? -1 : durations.get(0),
                durations.isEmpty() ? -1 : durations.get(durations.size() - 1),
                durations.stream().mapToLong(Long::longValue).max().orElse(-1));
        whole &= failedRuns.get() == 0 && !durations.isEmpty();
        out.printf("disk: the run's PostgreSQL and Kafka data %.1f GiB%n", bytesUnder(suite.workDir()) / (double) (1L << 30));
        return whole;
    }

    private void probeAll() {
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            var p = probe(s.module());
            long t = System.nanoTime();
            int status = Http.sendAs(p.getValue(), LocalCredentials.adminBearer()).status();
            if (status == 200) {
                latencies.get(s.module() + " " + p.getKey()).add(new Sample(now(), (System.nanoTime() - t) / 1_000_000));
            }
        }
    }

    private void sample() {
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            rss.get(s.module()).add(new Sample(now(), suite.process(s.module()).rssBytes()));
        }
        Http.metric(suite.url("ingest-service"), "ingest_unpublished_records")
                .ifPresent(v -> unpublished.add(new Sample(now(), (long) v)));
        JsonNode usage = Http.get(suite.url("reconcile-service") + "/api/usage?period=" + MONTH).json();
        long behind = 0;
        for (JsonNode topic : usage.path("consumerLag")) {
            behind += topic.asLong();
        }
        lag.add(new Sample(now(), behind));
    }

    private void reconcile() {
        long t = System.currentTimeMillis();
        try {
            Chaos.reconcile(suite, MONTH);
            runs.add(new Sample(now(), System.currentTimeMillis() - t));
        } catch (RuntimeException | InterruptedException e) {
            failedRuns.incrementAndGet();
        }
    }

    /** A daemon thread doing the work every period until interrupted; a failing tick is retried at the next. */
    static Thread every(Duration period, String name, Runnable work) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period.toMillis());
                    work.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println(name + ": " + e.getMessage());
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static long p99(Iterable<Sample> samples, long fromMs, long toMs) {
        List<Long> in = new ArrayList<>();
        samples.forEach(s -> {
            if (s.atMs() >= fromMs && s.atMs() < toMs) {
                in.add(s.value());
            }
        });
        if (in.isEmpty()) {
            return -1;
        }
        Collections.sort(in);
        return in.get((int) Math.ceil(in.size() * 0.99) - 1);
    }

    static long max(Iterable<Sample> samples, long fromMs, long toMs) {
        long max = -1;
        for (Sample s : samples) {
            if (s.atMs() >= fromMs && s.atMs() < toMs) {
                max = Math.max(max, s.value());
            }
        }
        return max;
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * {@code ./suite.sh soak}: SOAK_RATE traces/s (2,500) for SOAK_MINUTES (30), on a suite of its own whose files are
     * deleted afterwards (SOAK_KEEP=1 keeps them).
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve(".local/soak-" + ProcessHandle.current().pid());
        int rate = Integer.parseInt(System.getenv().getOrDefault("SOAK_RATE", "2500"));
        int minutes = Integer.parseInt(System.getenv().getOrDefault("SOAK_MINUTES", "30"));
        boolean whole;
        try (Suite suite = Suite.start(root, work, Map.of(), true)) {
            whole = new Soak(suite, rate, Duration.ofMinutes(minutes)).run(System.out);
        }
        if (!"1".equals(System.getenv("SOAK_KEEP"))) { // gigabytes of traces: kept only when asked for
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.out.println(whole ? "soak: within every bound" : "soak: OUT OF BOUNDS, see above");
        System.exit(whole ? 0 : 1);
    }
}
