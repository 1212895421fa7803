package io.lcpr.reconcile.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.money.Money;

/**
 * A period's attribution lines (pure): per kind, reference, team and model as priced, the calls and tokens, the value
 * of the team's cache reads (what they would have cost as uncached input, less what they cost: the discount a shared
 * prefix passes on), and for a dedicated endpoint its peak hour (most tokens, in and out) and the team's tokens then.
 */
public final class Attributions {
    private Attributions() {
    }

    /**
     * {@code discountPerToken}: the discount on one cache-read token of a key's model at its hour, in USD (input price
     * less cache-read price, at the contract rate); empty when no price is in force.
     */
    public static List<ReconciliationCompletedV1.Attribution> of(List<AttributionRepository.Sums> hourly,
            Function<AttributionKey, BigDecimal> discountPerToken) {
        record Line(String kind, String ref, String team, String provider, String model, String tier) {
        }
        Map<Line, long[]> sums = new TreeMap<>(java.util.Comparator.comparing(Line::toString));
        Map<Line, BigDecimal> discounts = new java.util.HashMap<>();
        Map<String, Map<Instant, Long>> endpointHours = new TreeMap<>();
        Map<String, Map<Instant, Map<String, Long>>> endpointTeams = new TreeMap<>();
        for (AttributionRepository.Sums s : hourly) {
            AttributionKey k = s.key();
            Line line = new Line(k.kind(), k.ref(), k.team(), k.provider(), k.model(), k.serviceTier());
            long[] t = sums.computeIfAbsent(line, x -> new long[5]);
            t[0] += s.calls();
            t[1] += s.input();
            t[2] += s.cacheRead();
            t[3] += s.cacheCreation();
            t[4] += s.output();
            if (s.cacheRead() > 0) {
                BigDecimal perToken = discountPerToken.apply(k);
                if (perToken != null) {
                    discounts.merge(line, perToken.multiply(BigDecimal.valueOf(s.cacheRead())), BigDecimal::add);
                }
            }
            if (k.kind().equals("endpoint")) {
                long tokens = s.input() + s.output();
                endpointHours.computeIfAbsent(k.ref(), x -> new TreeMap<>()).merge(k.hour(), tokens, Long::sum);
                endpointTeams.computeIfAbsent(k.ref(), x -> new TreeMap<>()).computeIfAbsent(k.hour(),
                        x -> new TreeMap<>()).merge(k.team(), tokens, Long::sum);
            }
        }
        Map<String, Instant> peakHour = new TreeMap<>();
        endpointHours.forEach((ref, hours) -> hours.entrySet().stream().max(Map.Entry.<Instant, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .ifPresent(e -> peakHour.put(ref, e.getKey())));
        List<ReconciliationCompletedV1.Attribution> out = new ArrayList<>();
        sums.forEach((l, t) -> {
            Instant peak = l.kind().equals("endpoint") ? peakHour.get(l.ref()) : null;
            Long teamAtPeak = peak == null ? null
                    : endpointTeams.get(l.ref()).get(peak).getOrDefault(l.team(), 0L);
            Long refAtPeak = peak == null ? null : endpointHours.get(l.ref()).get(peak);
            out.add(new ReconciliationCompletedV1.Attribution(l.kind(), l.ref(), l.team(), l.provider(), l.model(),
                    l.tier(), t[0], t[1], t[2], t[3], t[4], Money.of(discounts.getOrDefault(l, BigDecimal.ZERO)), peak,
                    teamAtPeak, refAtPeak));
        });
        return out;
    }
}
