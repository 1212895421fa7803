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
}
