package io.lcpr.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** The SDK's own protobuf encoding of a span, decoded here: same values as the JSON path. */
class OtlpProtobufTest {

    /** The SDK's binary OTLP encoding of one GenAI span (what OtlpHttpSpanExporter sends). */
    static byte[] sdkProtobuf(String responseId) throws Exception {
        List<SpanData> captured = capture(responseId, Instant.parse("2026-04-15T10:00:00.123Z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(captured).writeBinaryTo(bytes);
        return bytes.toByteArray();
    }

    static List<SpanData> capture(String responseId, Instant start) {
        List<SpanData> captured = new ArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(OtelSdkClientTest.RESOURCE)
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> spans) {
                        captured.addAll(spans);
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                })).build();
        OtelSdkClientTest.emit(provider, responseId, start);
        provider.shutdown();
        return captured;
    }

    @Test
    void decodesWhatTheSdkEncodes() throws Exception {
        Instant start = Instant.parse("2026-04-15T10:00:00.123Z");
        List<SpanData> captured = capture("chatcmpl-1", start);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(captured).writeBinaryTo(bytes);
        List<GenAiSpanMapper.Span> spans = OtlpProtobuf.spans(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(1, spans.size());
        GenAiSpanMapper.Span s = spans.get(0);
        assertEquals(captured.get(0).getTraceId(), s.traceId());
        assertEquals(captured.get(0).getSpanId(), s.spanId());
        assertEquals(start.getEpochSecond() * 1_000_000_000L + start.getNano(), s.startNanos());
        assertEquals(3100L, s.attributes().get("gen_ai.usage.input_tokens"));
        assertEquals(List.of("length"), s.attributes().get("gen_ai.response.finish_reasons"));
        assertEquals(0.92, s.attributes().get("gen_ai.response.time_to_first_chunk"));
        assertEquals("support", s.resourceAttributes().get("lcpr.workload"));
    }

    /** An attribute value of arrays nested 20,000 deep is refused as malformed (it overflowed the stack: a 500). */
    @Test
    void anAttributeNestedTooDeepIsRefused() throws Exception {
        byte[] value = field(1, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // AnyValue { string_value }
        for (int i = 0; i < 20_000; i++) {
            value = field(5, field(1, value)); // AnyValue { array_value { values = [value] } }
        }
        byte[] keyValue = concat(field(1, "deep".getBytes(java.nio.charset.StandardCharsets.UTF_8)), field(2, value));
        byte[] request = field(1, field(1, field(1, keyValue))); // resource_spans { resource { attributes } }
        com.google.protobuf.InvalidProtocolBufferException e = org.junit.jupiter.api.Assertions.assertThrows(
                com.google.protobuf.InvalidProtocolBufferException.class,
                () -> OtlpProtobuf.spans(new java.io.ByteArrayInputStream(request)));
        org.junit.jupiter.api.Assertions.assertEquals("an attribute value nests arrays deeper than 32", e.getMessage());
    }

    private static byte[] field(int number, byte[] content) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        com.google.protobuf.CodedOutputStream o = com.google.protobuf.CodedOutputStream.newInstance(out);
        o.writeByteArray(number, content);
        o.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
