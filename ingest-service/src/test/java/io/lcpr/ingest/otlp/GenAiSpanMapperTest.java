package io.lcpr.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.infra.SharedData;

class GenAiSpanMapperTest {
    static final GenAiSpanMapper MAPPER = new GenAiSpanMapper(new GenAiSpanMapper.AttributeNames("lcpr.workload",
            "lcpr.team", "lcpr.work_unit.id", "lcpr.attempt_kind", "lcpr.parent_request_id", "lcpr.account",
            "lcpr.prompt_version"));

    @Test
    void theRealExampleSpanMapsFieldForField() throws Exception {
        var request = EventJson.MAPPER.readTree(Files.readString(SharedData.file("examples/otlp_http_json_genai_chat_span.json")));
        List<GenAiSpanMapper.Span> spans = OtlpJson.spans(request);
        assertEquals(1, spans.size());
        CanonicalTrace t = MAPPER.map(spans.get(0)).orElseThrow();
        assertEquals("chatcmpl-123", t.requestId());
        assertEquals("5b8efff798038103d269b633813fc60c", t.traceId());
        assertEquals("eee19b7ec3c1b174", t.spanId());
        assertEquals("openai", t.provider());
        assertEquals("gpt-4o-mini-2024-07-18", t.model(), "the response model is priced, not the requested one");
        assertEquals("standard", t.serviceTier(), "OpenAI's 'default' tier");
        assertEquals(Instant.ofEpochSecond(1754006400L), t.startedAt());
        assertEquals(1200L, t.inputTokens());
        assertEquals(1024L, t.cacheReadTokens());
        assertEquals(0L, t.cacheCreationTokens());
        assertEquals(180L, t.outputTokens());
        assertEquals(0L, t.reasoningTokens());
        assertEquals(420L, t.ttftMs());
        assertEquals(1250L, t.e2eMs());
        assertEquals("stop", t.finishReason());
        assertEquals("ok", t.status());
        assertEquals("checkout-assistant", t.attributes().get("service.name"));
    }

    static GenAiSpanMapper.Span span(Map<String, Object> attributes) {
        return new GenAiSpanMapper.Span("t", "s", 1_754_006_400_000_000_000L, 1_754_006_401_000_000_000L, 0, attributes,
                Map.of("lcpr.workload", "support", "lcpr.team", "platform"));
    }

    /** A call's non-token counts ride as span attributes lcpr.units.<unit>, kept for reconcile to price. */
    @Test
    void nonTokenCountsAreKept() {
        CanonicalTrace t = MAPPER.map(span(Map.of("gen_ai.operation.name", "chat", "gen_ai.system", "openai",
                "gen_ai.request.model", "gpt-4o-search-preview", "gen_ai.usage.input_tokens", 900L,
                "gen_ai.usage.output_tokens", 120L, "lcpr.units.web_search", 2L, "lcpr.units.input_second", 12.5)))
                .orElseThrow();
        assertEquals("2", t.attributes().get("lcpr.units.web_search"));
        assertEquals("12.5", t.attributes().get("lcpr.units.input_second"));
    }

    @Test
    void deprecatedNamesAndAnthropicsInputRule() {
        CanonicalTrace t = MAPPER.map(span(Map.of("gen_ai.system", "anthropic", "gen_ai.request.model", "claude-sonnet-4-5",
                "gen_ai.usage.prompt_tokens", 200L, "gen_ai.usage.completion_tokens", 50L,
                "gen_ai.usage.cache_read_input_tokens", 1000L, "gen_ai.usage.cache_creation_input_tokens", 300L)))
                .orElseThrow();
        assertEquals(1500L, t.inputTokens(), "Anthropic's 200 uncached + 1,000 read + 300 written");
        assertEquals(1000L, t.cacheReadTokens());
        assertEquals(50L, t.outputTokens());
        assertEquals("support", t.workload(), "from the resource");
        assertEquals("platform", t.team());
    }

    @Test
    void nonInferenceSpansAreIgnoredAndErrorsKept() {
        assertTrue(MAPPER.map(span(Map.of("gen_ai.operation.name", "execute_tool"))).isEmpty());
        assertTrue(MAPPER.map(span(Map.of("http.method", "GET"))).isEmpty());
        CanonicalTrace failed = MAPPER.map(span(Map.of("gen_ai.operation.name", "chat", "gen_ai.provider.name",
                "aws.bedrock", "gen_ai.request.model", "m", "gen_ai.usage.input_tokens", 10L,
                "gen_ai.usage.output_tokens", 0L, "error.type", "timeout"))).orElseThrow();
        assertEquals("bedrock", failed.provider());
        assertEquals("error", failed.status());
        assertEquals("timeout", failed.errorType());
    }

    /** Found by HostileInput (an inference span whose provider attribute was replaced): a 500 before. */
    @Test
    void anInferenceSpanWithoutAProviderMapsAndIsLeftForValidationToRefuse() {
        CanonicalTrace noProvider = MAPPER.map(span(Map.of("gen_ai.operation.name", "chat", "gen_ai.request.model",
                "m", "gen_ai.usage.input_tokens", 10L, "gen_ai.usage.output_tokens", 1L))).orElseThrow();
        assertEquals(null, noProvider.provider());
    }
}
