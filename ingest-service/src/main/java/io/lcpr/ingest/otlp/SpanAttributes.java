package io.lcpr.ingest.otlp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span's attributes with its resource's underneath: a span attribute wins, the resource fills in (a service
 * sets its workload once on the resource). Values are kept as the OTLP JSON encoding decodes them: String,
 * Long, Double, Boolean or List.
 */
final class SpanAttributes {
    private final Map<String, Object> span;
    private final Map<String, Object> resource;

    SpanAttributes(Map<String, Object> span, Map<String, Object> resource) {
        this.span = span;
        this.resource = resource;
    }

    Object get(String key) {
        Object value = span.get(key);
        return value != null ? value : resource.get(key);
    }

    String string(String... keys) {
        for (String key : keys) {
            Object v = get(key);
            if (v instanceof List<?> list && !list.isEmpty()) {
                return String.valueOf(list.get(0));
            }
            if (v != null) {
                return String.valueOf(v);
            }
        }
        return null;
    }

    Long integer(String... keys) {
        for (String key : keys) {
            Object v = get(key);
            if (v instanceof Number n) {
                return n.longValue();
            }
            if (v instanceof String s) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            }
        }
        return null;
    }

    Double decimal(String key) {
        Object v = get(key);
        return v instanceof Number n ? n.doubleValue() : null;
    }

    /** The span's own attributes under a prefix (a call's counts are the span's, never its resource's). */
    Map<String, String> spanPrefixed(String prefix) {
        Map<String, String> out = new HashMap<>();
        span.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    Map<String, String> pick(List<String> keys) {
        Map<String, String> out = new HashMap<>();
        for (String key : keys) {
            String v = string(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }
}
