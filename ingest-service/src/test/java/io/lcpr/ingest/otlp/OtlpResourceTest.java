package io.lcpr.ingest.otlp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.SharedData;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.trace.StoredTraces;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class OtlpResourceTest {

    @Test
    @jakarta.transaction.Transactional
    void theExampleSpanIsStoredOnceAndAGzippedResendIsADuplicate() throws Exception {
        byte[] json = Files.readAllBytes(SharedData.file("examples/otlp_http_json_genai_chat_span.json"));
        given().contentType("application/json").body(json).post("/v1/traces").then().statusCode(200)
                .body("partialSuccess", org.hamcrest.Matchers.nullValue());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json);
        }
        given().contentType("application/json").header("Content-Encoding", "gzip").body(gz.toByteArray())
                .post("/v1/traces").then().statusCode(200);
        CanonicalTrace t = StoredTraces.one("chatcmpl-123");
        assertEquals("gpt-4o-mini-2024-07-18", t.model());
        assertEquals(1200, t.inputTokens());
        assertEquals(1024, t.cacheReadTokens());
        assertEquals(420L, t.ttftMs());
    }

    @Test
    void badSpansArePartialSuccessAndMalformedBodiesAre400() {
        String id = UUID.randomUUID().toString().replace("-", "");
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[
                 {"traceId":"%s","spanId":"a1","startTimeUnixNano":"1754006400000000000","endTimeUnixNano":"1754006401000000000",
                  "attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
                   {"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},
                   {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},
                   {"key":"gen_ai.usage.input_tokens","value":{"intValue":"10"}},
                   {"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"20"}},
                   {"key":"gen_ai.usage.output_tokens","value":{"intValue":"5"}}]},
                 {"traceId":"%s","spanId":"a2","startTimeUnixNano":"1754006400000000000",
                  "attributes":[{"key":"http.route","value":{"stringValue":"/x"}}]}]}]}]}""".formatted(id, id);
        given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/traces").then()
                .statusCode(200).body("partialSuccess.rejectedSpans", equalTo(1))
                .body("partialSuccess.errorMessage", containsString("cache_read_tokens"));
        given().contentType("application/json").body("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8))
                .post("/v1/traces").then().statusCode(400).body("errors[0]", containsString("malformed OTLP JSON"));
    }

    @Test
    void protobufBodiesAreAnsweredInProtobuf() throws Exception {
        byte[] notProtobuf = { (byte) 0xff, (byte) 0xff, (byte) 0xff };
        var reply = given().contentType("application/x-protobuf").body(notProtobuf).post("/v1/traces").then()
                .extract();
        assertEquals(400, reply.statusCode(), reply.asString());
        byte[] empty = new byte[0];
        var ok = given().contentType("application/x-protobuf").body(empty).post("/v1/traces").then().extract();
        assertEquals(200, ok.statusCode(), ok.asString());
    }

    @Test
    void gzippedSdkProtobuf() throws Exception {
        byte[] bytes = OtlpProtobufTest.sdkProtobuf("chatcmpl-gz-" + UUID.randomUUID());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        var reply = given().contentType("application/x-protobuf").header("Content-Encoding", "gzip")
                .body(gz.toByteArray()).post("/v1/traces").then().extract();
        assertEquals(200, reply.statusCode(), reply.asString());
        var plain = given().contentType("application/x-protobuf").body(bytes).post("/v1/traces").then().extract();
        assertEquals(200, plain.statusCode(), plain.asString());
    }
}
