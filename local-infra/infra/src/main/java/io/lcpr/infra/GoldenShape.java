package io.lcpr.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;

/**
 * Producer-side contract check: an event as a service published it against its topic's golden file. Every field
 * published must be in the golden file with the same JSON type, recursively (array elements against the golden's
 * first element). Fields whose keys are data (a map by team, by workload) are compared by their values' type only.
 * A field the producer left out because it was null is allowed: optional fields are omitted, never sent as null.
 */
public final class GoldenShape {
    private GoldenShape() {
    }

    /** Throws an AssertionError listing every difference. */
    public static void assertSameShape(String topic, String published, String... mapFields) {
        List<String> differences = differences(read(Goldens.read(topic)), read(published), Set.of(mapFields));
        if (!differences.isEmpty()) {
            throw new AssertionError(topic + " as published differs from its golden file: " + differences
                    + "\npublished: " + published);
        }
    }

    /**
     * Throws an AssertionError unless the two events carry the same fields and values, numbers compared by value
     * (a price stored as 1.800000000000 is the golden file's 1.80).
     */
    public static void assertSameFigures(JsonNode expected, JsonNode actual, String what) {
        JsonNode e = byValue(expected);
        JsonNode a = byValue(actual);
        if (!e.equals(a)) {
            throw new AssertionError(what + ": expected " + e + " but was " + a);
        }
    }

    private static JsonNode byValue(JsonNode node) {
        if (node.isNumber()) {
            return DecimalNode.valueOf(new BigDecimal(node.asText()).stripTrailingZeros());
        }
        if (node.isObject()) {
            ObjectNode out = EventJson.MAPPER.createObjectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), byValue(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = EventJson.MAPPER.createArrayNode();
            node.forEach(element -> out.add(byValue(element)));
            return out;
        }
        return node;
    }

    static List<String> differences(JsonNode golden, JsonNode published, Set<String> mapFields) {
        List<String> out = new ArrayList<>();
        compare("$", golden, published, mapFields, out);
        return out;
    }

    private static void compare(String path, JsonNode golden, JsonNode published, Set<String> mapFields,
            List<String> out) {
        if (golden.isNull() || published.isNull()) {
            return;
        }
        if (golden.getNodeType() != published.getNodeType()) {
            out.add(path + ": golden " + golden.getNodeType() + ", published " + published.getNodeType());
            return;
        }
        if (published.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = published.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (mapFields.contains(name)) {
                    compareMapValues(path + "." + name, golden.get(name), field.getValue(), out);
                } else if (!golden.has(name)) {
                    out.add(path + "." + name + ": not in the golden file");
                } else {
                    compare(path + "." + name, golden.get(name), field.getValue(), mapFields, out);
                }
            }
        } else if (published.isArray() && !golden.isEmpty()) {
            for (int i = 0; i < published.size(); i++) {
                compare(path + "[" + i + "]", golden.get(0), published.get(i), mapFields, out);
            }
        }
    }

    private static void compareMapValues(String path, JsonNode golden, JsonNode published, List<String> out) {
        if (golden == null) {
            out.add(path + ": not in the golden file");
            return;
        }
        if (!golden.isObject() || !published.isObject() || golden.isEmpty()) {
            return;
        }
        JsonNode example = golden.elements().next();
        published.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull() && e.getValue().getNodeType() != example.getNodeType()) {
                out.add(path + "." + e.getKey() + ": golden values are " + example.getNodeType() + ", published "
                        + e.getValue().getNodeType());
            }
        });
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
