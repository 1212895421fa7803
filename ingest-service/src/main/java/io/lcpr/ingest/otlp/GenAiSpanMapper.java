package io.lcpr.ingest.otlp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.price.BillableUnits;

/**
 * One OpenTelemetry GenAI span to a canonical trace (FORMATS.md section 1): current attribute names first, then
 * the deprecated and non-standard ones still emitted in the wild. The response model is priced over the request
 * model; Anthropic's raw input count (which excludes cache) is made to include cache reads and writes as OTel
 * defines it; streaming TTFT comes from {@code gen_ai.response.time_to_first_chunk}. Spans that are not inference
 * operations give no trace (ignored, not rejected).
 */
public final class GenAiSpanMapper {
    static final Set<String> INFERENCE = Set.of("chat", "generate_content", "text_completion", "embeddings");
    static final List<String> KEPT_ATTRIBUTES = List.of("service.name", "server.address", "gen_ai.conversation.id",
            "gen_ai.agent.name", "gen_ai.request.model", "gen_ai.operation.name", "deployment.environment.name");

    /** The span and resource attribute names our own fields come from; configurable (IngestConfig). */
    public record AttributeNames(String workload, String team, String workUnit, String attemptKind,
            String parentRequest, String account, String promptVersion) {
    }

    private final AttributeNames names;

    public GenAiSpanMapper(AttributeNames names) {
        this.names = names;
    }

    /** A decoded span: ids, times in Unix nanoseconds, status code (2 = error), and attributes. */
    public record Span(String traceId, String spanId, long startNanos, long endNanos, int statusCode,
            Map<String, Object> attributes, Map<String, Object> resourceAttributes) {
    }

    public Optional<CanonicalTrace> map(Span span) {
        SpanAttributes a = new SpanAttributes(span.attributes(), span.resourceAttributes());
        String operation = a.string("gen_ai.operation.name");
        String provider = a.string("gen_ai.provider.name", "gen_ai.system");
        boolean hasUsage = a.integer("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens") != null;
        if (operation != null ? !INFERENCE.contains(operation) : provider == null || !hasUsage) {
            return Optional.empty();
        }
        provider = provider(provider);
        Long input = a.integer("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
        Long output = a.integer("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
        long cacheRead = orZero(a.integer("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens",
                "gen_ai.usage.cached_input_tokens", "gen_ai.openai.usage.prompt_tokens_cached"));
        long cacheCreation = orZero(a.integer("gen_ai.usage.cache_creation.input_tokens",
                "gen_ai.usage.cache_creation_input_tokens", "gen_ai.usage.cache_write_input_tokens"));
        if ("anthropic".equals(provider) && input != null && input < cacheRead + cacheCreation) {
            input = input + cacheRead + cacheCreation; // Anthropic reports input without cache; OTel includes it
        }
        Double ttftSeconds = a.decimal("gen_ai.response.time_to_first_chunk");
        String error = a.string("error.type");
        String status = error != null || span.statusCode() == 2 ? "error" : "ok";
        Map<String, String> kept = a.pick(KEPT_ATTRIBUTES);
        kept.putAll(a.spanPrefixed(BillableUnits.TRACE_ATTRIBUTE_PREFIX)); // non-token counts: web searches, images
        return Optional.of(new CanonicalTrace(a.string("gen_ai.response.id"), span.traceId(), span.spanId(),
                a.string(names.workUnit()), a.string(names.parentRequest()), a.string(names.attemptKind()),
                a.string(names.workload()), a.string(names.team()), a.string(names.account()), provider,
                a.string("gen_ai.response.model", "gen_ai.request.model"),
                tier(a.string("openai.response.service_tier", "openai.request.service_tier",
                        "gen_ai.openai.response.service_tier", "gen_ai.openai.request.service_tier")),
                null, null, null, a.string(names.promptVersion()), a.string("openai.response.system_fingerprint"),
                Instant.ofEpochSecond(0, span.startNanos()), input, cacheRead, cacheCreation, output,
                a.integer("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.thinking_tokens"),
                ttftSeconds == null ? null : Math.round(ttftSeconds * 1000),
                span.endNanos() > 0 ? (span.endNanos() - span.startNanos()) / 1_000_000 : null, status, error,
                a.string("gen_ai.response.finish_reasons"), kept.isEmpty() ? null : kept));
    }

    /** OTel provider names, current and deprecated, to the names price keys use. */
    static String provider(String name) {
        if (name == null) {
            return null; // an inference span without one: refused by validation, naming provider
        }
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "gcp.vertex_ai", "vertex_ai" -> "vertex_ai";
            case "gcp.gemini", "gemini", "gcp.gen_ai" -> "gemini";
            case "azure.ai.openai", "az.ai.openai" -> "azure";
            case "azure.ai.inference", "az.ai.inference" -> "azure_ai";
            case "aws.bedrock" -> "bedrock";
            case "x_ai", "xai" -> "xai";
            case "mistral_ai" -> "mistral";
            default -> n;
        };
    }

    /** OpenAI's service tier names to ours; unknown names are left for validation to refuse. */
    static String tier(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "default", "auto", "standard" -> "standard";
            case "scale", "priority" -> "priority";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
