package io.lcpr.pricing.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.lcpr.price.ModelNames;
import io.lcpr.price.PriceHistory;
import io.lcpr.price.Rates;
import io.lcpr.pricing.alias.ModelAlias;
import io.lcpr.pricing.contract.ProviderContract;
import io.lcpr.pricing.snapshot.PriceEntry;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers price questions from the stored history with the same rules every consumer applies (PriceHistory). */
@ApplicationScoped
public class PriceQueryService {

    /** A call to price. */
    public record CallUsage(String provider, String model, String serviceTier, String region, Instant startedAt,
            long inputTokens, long cacheReadTokens, long cacheCreationTokens, long outputTokens,
            long reasoningTokens) {
    }

    /** One priced call, or why it could not be priced. */
    public record CallCost(int index, BigDecimal cost, String resolvedModel, String resolvedBy, String basis,
            Instant effectiveFrom, long versionOrder, String unpricedReason) {
    }

    public Optional<PriceHistory.Quote> quote(String provider, String model, String tier, String region, Instant at) {
        return history(providersFor(provider, model), at).quote(provider, model, tier == null ? "standard" : tier, region, at);
    }

    public List<CallCost> costs(List<CallUsage> calls) {
        Set<String> providers = calls.stream().flatMap(c -> providersFor(c.provider(), c.model()).stream())
                .collect(Collectors.toSet());
        PriceHistory history = history(providers, null);
        List<CallCost> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            CallUsage c = calls.get(i);
            Optional<PriceHistory.Quote> q = history.quote(c.provider(), c.model(),
                    c.serviceTier() == null ? "standard" : c.serviceTier(), c.region(), c.startedAt());
            if (q.isEmpty()) {
                out.add(new CallCost(i, null, null, null, null, null, 0, noPrice(c.provider(), c.model(),
                        c.serviceTier(), c.startedAt())));
            } else {
                BigDecimal cost = q.get().rates().cost(new Rates.Usage(c.inputTokens(), c.cacheReadTokens(),
                        c.cacheCreationTokens(), c.outputTokens(), c.reasoningTokens()));
                out.add(new CallCost(i, cost, q.get().resolvedModel(), q.get().resolvedBy(), q.get().basis(),
                        q.get().entry().effectiveFrom(), q.get().entry().versionOrder(), null));
            }
        }
        return out;
    }

    /** Every entry in force at some instant of [from, to): the effective history of each key, clipped. */
    public List<PriceHistory.Entry> inForceDuring(Instant from, Instant to) {
        List<PriceEntry> candidates = PriceEntry.list("effectiveFrom < ?1 and (effectiveTo is null or effectiveTo > ?2)",
                to, from);
        Set<String> providers = candidates.stream().map(e -> e.provider).collect(Collectors.toSet());
        PriceHistory history = new PriceHistory();
        PriceEntry.<PriceEntry> list("provider in ?1", providers).forEach(e -> history.add(e.toEntry()));
        Set<List<String>> keys = candidates.stream().map(e -> List.of(e.provider, e.model, e.serviceTier, e.region))
                .collect(Collectors.toSet());
        List<PriceHistory.Entry> out = new ArrayList<>();
        for (List<String> k : keys) {
            List<PriceHistory.Entry> effective = history.effective(k.get(0), k.get(1), k.get(2), k.get(3));
            for (int i = 0; i < effective.size(); i++) {
                PriceHistory.Entry e = effective.get(i);
                Instant end = e.effectiveTo() != null ? e.effectiveTo()
                        : i + 1 < effective.size() ? effective.get(i + 1).effectiveFrom() : null;
                if (e.effectiveFrom().isBefore(to) && (end == null || end.isAfter(from))) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(PriceHistory.Entry::provider).thenComparing(PriceHistory.Entry::model)
                .thenComparing(PriceHistory.Entry::serviceTier).thenComparing(PriceHistory.Entry::effectiveFrom));
        return out;
    }

    public static String noPrice(String provider, String model, String tier, Instant at) {
        return "no price for " + provider + "/" + model + " (" + (tier == null ? "standard" : tier) + ") at " + at
                + "; tried " + ModelNames.candidates(provider, model, java.util.Map.of()).stream()
                        .map(c -> c.provider() + "/" + c.model() + " [" + c.rule() + "]").toList()
                + " and the aliases; add an alias or a price, it is never priced at zero";
    }

    /** The providers a reported name may resolve to (its own, or the one its prefix names). */
    private static Set<String> providersFor(String provider, String model) {
        return ModelNames.candidates(provider, model, java.util.Map.of()).stream().map(ModelNames.Candidate::provider)
                .collect(Collectors.toSet());
    }

    /** Entries of the given providers, the aliases, and the batch discounts of contracts (active at {@code at}). */
    private static PriceHistory history(Set<String> providers, Instant at) {
        PriceHistory history = new PriceHistory();
        PriceEntry.<PriceEntry> list("provider in ?1", providers).forEach(e -> history.add(e.toEntry()));
        ModelAlias.<ModelAlias> listAll().forEach(a -> history.alias(a.key.provider, a.key.alias, a.model));
        ProviderContract.<ProviderContract> list("batchDiscountFactor is not null").stream()
                .filter(c -> at == null || c.activeAt(at))
                .forEach(c -> history.batchFactor(c.provider, c.batchDiscountFactor));
        return history;
    }
}
