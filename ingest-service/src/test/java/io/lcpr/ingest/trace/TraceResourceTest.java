package io.lcpr.ingest.trace;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;
import io.lcpr.events.Topics;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class TraceResourceTest {

    static String bootstrap() {
        return LocalInfraTestResource.bootstrapServers();
    }

    public static String line(String requestId, String attemptKind, long input, long cached, long output) {
        return """
                {"request_id":"%s","work_unit_id":"wu-%s","attempt_kind":"%s","workload":"support","team":"t1",\
                "provider":"openai","model":"gpt-4.1-mini","started_at":"2026-04-15T09:00:00Z","input_tokens":%d,\
                "cache_read_tokens":%d,"output_tokens":%d,"ttft_ms":300,"e2e_ms":2000}""".formatted(requestId,
                requestId, attemptKind, input, cached, output);
    }

    @Test
    void storesNdjsonOnceAndPublishesEachTraceOnce() {
        String run = UUID.randomUUID().toString();
        String body = String.join("\n", line(run + "-a", "first_attempt", 2400, 1800, 220),
                line(run + "-b", "retry", 2800, 0, 290), line(run + "-c", "eval_grader", 1200, 0, 80));
                given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/traces").then().statusCode(200)
                .body("received", equalTo(3)).body("accepted", equalTo(3)).body("duplicates", equalTo(0));
        given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/traces").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(3, LocalInfraTestResource.count("select count(*) from ingest.trace where request_id like ?",
                run + "-%"));

        var records = TopicReader.await(bootstrap(), Topics.TRACES, r -> r.value().contains(run), 3,
                Duration.ofSeconds(30));
        Set<String> seen = new HashSet<>();
        for (var r : records) {
            TraceRecordedV1 event = EventJson.read(r.value(), TraceRecordedV1.class);
            assertEquals(event.trace().workUnitId(), r.key(), "keyed by work unit, as its outcomes are");
            seen.add(event.eventId().toString());
        }
        int mine = records.size();
        assertEquals(3, mine, "each stored trace is published exactly once here");
        assertEquals(3, seen.size());
    }

    @Test
    void keepsGoodRecordsAndNamesTheBadOnes() {
        String run = UUID.randomUUID().toString();
        String body = "[" + line(run + "-ok", "first_attempt", 100, 0, 10) + ","
                + line(run + "-bad", "first_attempt", 100, 101, 10) + ","
                + "{\"provider\":\"openai\",\"model\":\"m\",\"started_at\":\"2026-04-15T09:00:00Z\",\"input_tokens\":\"many\",\"output_tokens\":1},"
                + line(run + "-kind", "second_try", 100, 0, 10) + "]";
        given().contentType("application/json").body(body).post("/api/traces").then().statusCode(400)
                .body("received", equalTo(4)).body("accepted", equalTo(1)).body("rejected", equalTo(3))
                .body("errors", hasSize(3))
                .body("errors[0].index", equalTo(1)).body("errors[0].field", equalTo("cache_read_tokens"))
                .body("errors[1].index", equalTo(2)).body("errors[1].field", equalTo("input_tokens"))
                .body("errors[2].index", equalTo(3)).body("errors[2].field", equalTo("attempt_kind"));
        // what an operator alerts on (deploy/kubernetes/alerts.yaml): refused records by kind and field, the outbox
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains(
                "ingest_records_rejected_total{field=\"attempt_kind\",kind=\"trace\"}"), "refused records counted");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("outbox_backlog ")
                && metrics.contains("outbox_oldest_age_seconds "), "the outbox measured");
    }

    /** A text field longer than its column is refused on its own; the batch's other records are stored (was 500). */
    @Test
    void aTooLongFieldIsOneRefusedRecordNotAFailedBatch() {
        String run = UUID.randomUUID().toString();
        String longModel = line(run + "-long", "first_attempt", 100, 0, 10).replace("gpt-4.1-mini", "m".repeat(300));
        String body = "[" + line(run + "-a", "first_attempt", 100, 0, 10) + "," + longModel + ","
                + line(run + "-b", "first_attempt", 100, 0, 10) + "]";
        given().contentType("application/json").body(body).post("/api/traces").then().statusCode(400)
                .body("received", equalTo(3)).body("accepted", equalTo(2)).body("rejected", equalTo(1))
                .body("errors[0].index", equalTo(1)).body("errors[0].field", equalTo("model"))
                .body("errors[0].reason", equalTo("is 300 characters long; at most 255"));
    }

    @Test
    void malformedNdjsonLineIsOneRejectedRecord() {
        String run = UUID.randomUUID().toString();
        String body = line(run + "-1", "first_attempt", 10, 0, 1) + "\n{not json\n" + line(run + "-2", "retry", 10, 0, 1);
        given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/traces").then().statusCode(400)
                .body("accepted", equalTo(2)).body("rejected", equalTo(1)).body("errors[0].index", equalTo(1));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/traces")
    java.net.URL traces;

    /**
     * The limit is enforced on the declared length, before any byte of the body is read. A raw socket declares
     * 2 MiB and reads the answer without sending the body: a client still writing when the server closes the
     * connection would otherwise see a reset instead of the 413.
     */
    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(traces.getHost(), traces.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedReader answer = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", answer.readLine());
            int length = 0;
            for (String header = answer.readLine(); !header.isEmpty(); header = answer.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            char[] body = new char[length];
            for (int read = 0; read < length;) {
                read += answer.read(body, read, length - read);
            }
            // the HTTP layer's own 413 was empty (HostileInput): the refusal names the declared length and the limit
            String reason = new String(body);
            org.junit.jupiter.api.Assertions.assertTrue(reason.contains("declares 2097152 bytes")
                    && reason.contains("the limit is 1572864 bytes"), reason);
        }
    }

    /** A gzip body that inflates far beyond the body limit (32 MiB inflated, a few KiB sent) is refused, not read. */
    @Test
    void aBodyInflatingBeyondTheLimitIsRefused() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        byte[] record = (line("bomb", "first_attempt", 10, 0, 1) + "\n").getBytes(StandardCharsets.UTF_8);
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            for (long written = 0; written < 32L * 1024 * 1024; written += record.length) {
                gz.write(record); // one record again and again: what a sender's bug or an attack would send
            }
        }
        var answer = given().contentType("application/x-ndjson").header("Content-Encoding", "gzip")
                .body(zipped.toByteArray()).post("/api/traces").then().extract();
        assertEquals(413, answer.statusCode(), "a " + zipped.size() + "-byte gzip body of 32 MiB: " + answer.asString());
        // HostileInput found the 413 of the HTTP layer empty: it names the limit now, as every refusal says why
        org.junit.jupiter.api.Assertions.assertTrue(answer.asString().contains("the request body is larger than"),
                answer.asString());
    }

    /**
     * A period close asks ingest what it holds of a month unpublished: a chunk committed and not yet on
     * llm.traces.v1 is counted with its traces, for the months it holds; a bad month is refused.
     */
    @Test
    void theUnpublishedBacklogOfAMonth() {
        long id = 9_000_000_000L + System.nanoTime() % 1_000_000;
        io.lcpr.infra.LocalInfraTestResource.execute("insert into ingest.trace_chunk (chunk_id, months, traces)"
                + " values (?, array[date '2031-01-01'], 7)", id);
        try {
            given().queryParam("period", "2031-01").get("/api/traces/backlog").then().statusCode(200)
                    .body("chunks", org.hamcrest.Matchers.equalTo(1)).body("traces", org.hamcrest.Matchers.equalTo(7));
            given().queryParam("period", "2031-02").get("/api/traces/backlog").then().statusCode(200)
                    .body("traces", org.hamcrest.Matchers.equalTo(0));
        } finally {
            io.lcpr.infra.LocalInfraTestResource.execute("delete from ingest.trace_chunk where chunk_id = ?", id);
        }
        given().queryParam("period", "January").get("/api/traces/backlog").then().statusCode(400);
    }
}
