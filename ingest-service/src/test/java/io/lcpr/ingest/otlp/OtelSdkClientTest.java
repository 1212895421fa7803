package io.lcpr.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.ingest.trace.StoredTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** A real client: the OpenTelemetry Java SDK sends GenAI spans; the stored records match attribute for attribute. */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class OtelSdkClientTest {

    @TestHTTPResource("/v1/traces")
    URL endpoint;

    static final Resource RESOURCE = Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("service.name"), "support-bot",
            AttributeKey.stringKey("lcpr.workload"), "support",
            AttributeKey.stringKey("lcpr.team"), "support-platform")));

    /** One GenAI chat span as an instrumentation emits it, with our work-unit attributes. */
    static void emit(SdkTracerProvider provider, String responseId, Instant start) {
        Span span = provider.get("test").spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(start)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o")
                .setAttribute("gen_ai.response.model", "gpt-4o-2024-08-06")
                .setAttribute("gen_ai.response.id", responseId)
                .setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("length"))
                .setAttribute("gen_ai.usage.input_tokens", 3100L)
                .setAttribute("gen_ai.usage.cache_read.input_tokens", 1800L)
                .setAttribute("gen_ai.usage.output_tokens", 340L)
                .setAttribute("gen_ai.response.time_to_first_chunk", 0.92)
                .setAttribute("openai.response.service_tier", "priority")
                .setAttribute("lcpr.work_unit.id", "ticket-" + responseId)
                .setAttribute("lcpr.attempt_kind", "retry")
                .setAttribute("lcpr.parent_request_id", "parent-" + responseId)
                .startSpan();
        span.end(start.plusMillis(3800));
    }

    static void assertStored(String responseId, Instant start) {
        Await.until(Duration.ofSeconds(20), "trace " + responseId, () -> StoredTraces.byRequestId(responseId).size() == 1);
        CanonicalTrace t = StoredTraces.one(responseId);
        assertEquals("openai", t.provider());
        assertEquals("gpt-4o-2024-08-06", t.model());
        assertEquals("priority", t.serviceTier());
        assertEquals(start, t.startedAt());
        assertEquals(3100, t.inputTokens());
        assertEquals(1800, t.cacheReadTokens());
        assertEquals(340, t.outputTokens());
        assertEquals(920L, t.ttftMs());
        assertEquals(3800L, t.e2eMs());
        assertEquals("length", t.finishReason());
        assertEquals("support", t.workload());
        assertEquals("support-platform", t.team());
        assertEquals("ticket-" + responseId, t.workUnitId());
        assertEquals("retry", t.attemptKind());
        assertEquals("parent-" + responseId, t.parentRequestId());
    }

    @Test
    @jakarta.transaction.Transactional
    void protobufWithGzipThroughTheSdksOtlpHttpExporter() {
        String id = "chatcmpl-pb-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-04-15T10:00:00.123Z");
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString())
                .setCompression("gzip").build();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        emit(provider, id, start);
        provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertStored(id, start);
    }

    @Test
    @jakarta.transaction.Transactional
    void jsonInTheSdksOwnOtlpJsonEncoding() throws Exception {
        String id = "chatcmpl-json-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-04-15T11:00:00.456Z");
        List<SpanData> captured = OtlpProtobufTest.capture(id, start);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(captured).writeJsonTo(json);
        RestAssured.given().contentType("application/json").body(json.toByteArray()).post(endpoint.toString()).then()
                .statusCode(200);
        assertStored(id, start);
    }
}
