package io.lcpr.reconcile.attribution;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lcpr.events.CanonicalTrace;

/**
 * A trace's share of something chargeback attributes: the shared prompt prefix, the fine-tuned adapter or the
 * dedicated endpoint its attributes name ({@link #ATTRIBUTES}), with the hour, team and the model as priced.
 */
public record AttributionKey(Instant hour, String kind, String ref, String team, String provider, String model,
        String serviceTier) {
    /** The trace attributes that name them, by kind. */
    public static final Map<String, String> ATTRIBUTES = Map.of("prefix", "lcpr.prefix_id", "adapter",
            "lcpr.adapter_id", "endpoint", "lcpr.endpoint_id");

    /** The keys of a trace: one per attribute it carries (none for most traces). */
    public static List<AttributionKey> of(CanonicalTrace t) {
        if (t.attributes() == null || t.attributes().isEmpty()) {
            return List.of();
        }
        List<AttributionKey> out = new ArrayList<>(1);
        ATTRIBUTES.forEach((kind, attribute) -> {
            String ref = t.attributes().get(attribute);
            if (ref != null && !ref.isBlank()) {
                out.add(new AttributionKey(t.startedAt().truncatedTo(ChronoUnit.HOURS), kind, ref.trim(),
                        t.team() == null ? "unknown" : t.team(), t.provider(), t.model(),
                        t.serviceTier() == null ? "standard" : t.serviceTier()));
            }
        });
        return out;
    }
}
