package io.lcpr.suite;

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
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.demo.TwelveRequestTrace;
import io.lcpr.events.EventJson;

/**
 * A month a client streams to ingest-service, as a gateway would: unit {@code i} is one call of the workload
 * ({@code 100 + i % 50} input and {@code 10 + i % 7} output tokens at $1 / $4 per million), and every third unit
 * gets an eval verdict (half of them failing) sent ahead of its trace. The workload keeps the default acceptance
 * rule (an eval is required), so the accepted units are the passing verdicts. Batches are sent until answered 200. What was
 * sent is summed here, the harness's own way, to check what the suite made of it (Chaos, Soak).
 */
record StreamedMonth(YearMonth month, String workload, String team, String provider, String model) {

    /** What the first {@code n} units add up to. */
    record Expected(long traces, long inputTokens, long verdicts, long accepted, BigDecimal inferenceCost) {
    }

    /** What ingest-service stored and reconcile-service folded of one run of the stream. */
    record Stored(long traces, long inputTokens, long verdicts, long verdictsFolded) {
    }

    /** The month's price and the workload's owner. */
    void define(Suite suite) {
        Http.postJson(suite.url("pricing-service") + "/api/pricing/snapshots", Map.of("provider", provider, "model",
                model, "effective_from", month.minusMonths(2).atDay(1) + "T00:00:00Z", "input_per_million", 1,
                "output_per_million", 4)).expect(200, 201);
        Http.putJson(suite.url("reconcile-service") + "/api/workloads/" + workload, Map.of("owner_team", team))
                .expect(200);
    }

    static long input(long i) {
        return 100 + i % 50;
    }

    static long output(long i) {
        return 10 + i % 7;
    }

    static boolean graded(long i) {
        return i % 3 == 0;
    }

    static boolean rejected(long i) {
        return i % 6 == 3;
    }

    Instant startedAt(long i) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(i % 2_500_000L);
    }

    Expected expected(long n) {
        long input = 0;
        long costMicros = 0;
        long verdicts = 0;
        long passed = 0;
        for (long i = 0; i < n; i++) {
            input += input(i);
            costMicros += input(i) + 4L * output(i);
            verdicts += graded(i) ? 1 : 0;
            passed += graded(i) && !rejected(i) ? 1 : 0;
        }
        return new Expected(n, input, verdicts, passed,
                BigDecimal.valueOf(costMicros).movePointLeft(6).setScale(2, RoundingMode.HALF_UP));
    }

    byte[] traces(String run, long from, long to) {
        StringBuilder ndjson = new StringBuilder();
        for (long i = from; i < to; i++) {
            ObjectNode t = EventJson.MAPPER.valueToTree(TwelveRequestTrace.traces().get(0));
            String id = unit(run, i);
            t.put("request_id", id).put("work_unit_id", id).put("workload", workload).put("team", team)
                    .put("provider", provider).put("model", model).put("attempt_kind", "first_attempt")
                    .put("started_at", startedAt(i).toString())
                    .put("input_tokens", input(i)).put("output_tokens", output(i)).put("cache_read_tokens", 0)
                    .put("cache_creation_tokens", 0).put("reasoning_tokens", 0);
            t.remove("parent_request_id");
            ndjson.append(EventJson.write(t)).append('\n');
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    byte[] verdicts(String run, long from, long to) {
        StringBuilder ndjson = new StringBuilder();
        for (long i = from; i < to; i++) {
            if (graded(i)) {
                ndjson.append(EventJson.write(Map.of("outcome_id", unit(run, i) + "-eval", "kind", "eval",
                        "work_unit_id", unit(run, i), "workload", workload, "passed", !rejected(i), "observed_at",
                        startedAt(i).plusSeconds(60).toString()))).append('\n');
            }
        }
        return ndjson.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String unit(String run, long i) {
        return workload + "-" + run + "-" + i;
    }

    /**
     * One batch to ingest-service, sent until it is answered 200: a 5xx, a refused connection or a timeout is sent
     * again a second later, as a real sender would; a 4xx is a bug of the harness. Returns the milliseconds of the
     * attempt that was answered 200.
     */
    static long send(Suite suite, String path, byte[] body, AtomicLong resent) throws InterruptedException {
        if (body.length == 0) {
            return 0;
        }
        for (int attempt = 0;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url("ingest-service") + path))
                    .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            int status;
            String answer;
            long t0 = System.nanoTime();
            try {
                Http.Reply reply = Http.sendAs(request, LocalCredentials.senderBearer());
                status = reply.status();
                answer = reply.body();
            } catch (RuntimeException e) {
                status = -1;
                answer = e.getMessage();
            }
            if (status == 200) {
                return (System.nanoTime() - t0) / 1_000_000;
            }
            if (status >= 400 && status < 500) {
                throw new IllegalStateException("ingest refused a batch to " + path + " (" + status + "): " + answer);
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

    /** Calls of the month as reconcile-service has folded them. */
    long folded(Suite suite) {
        return Http.get(suite.url("reconcile-service") + "/api/usage?period=" + month).expect(200).json()
                .path("calls").asLong();
    }

    /** The workload's line of a completed run: its inference cost (to the cent) and accepted units. */
    Map.Entry<BigDecimal, Long> costAndAccepted(JsonNode run) {
        for (JsonNode l : run.path("lcpr")) {
            if (workload.equals(l.path("workload").asText())) {
                return Map.entry(l.path("inferenceCost").decimalValue().setScale(2, RoundingMode.HALF_UP),
                        l.path("acceptedUnits").asLong());
            }
        }
        return Map.entry(BigDecimal.ZERO, -1L);
    }

    /** The month's traces in ingest-service's own table; this run's verdicts in ingest-service and reconcile-service. */
    Stored stored(Suite suite, String run) throws Exception {
        var db = suite.infra().database();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                var ps = c.prepareStatement("select count(*), coalesce(sum(input_tokens), 0),"
                        + " (select count(*) from ingest.outcome where work_unit_id like ?),"
                        + " (select count(*) from reconcile.outcome_verdict where work_unit_id like ?)"
                        + " from ingest.trace where workload = ? and started_at >= ? and started_at < ?")) {
            ps.setString(1, workload + "-" + run + "-%");
            ps.setString(2, workload + "-" + run + "-%");
            ps.setString(3, workload);
            ps.setObject(4, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.setObject(5, month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
