package io.lcpr.price;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The negotiated discounts of provider contracts: a factor on the list price of a model ({@code *} for all) and tier
 * ({@code *} or none for all) on one billing account ({@code *} for every account of the provider), within the
 * contract's effective window. The contract rate of a call is its list price times the factor in force for its
 * account, model as priced and tier at its start; the most specific discount wins (model before {@code *}, tier
 * before any tier), and without one the factor is 1.
 */
public final class ContractTerms {
    public static final ContractTerms NONE = new ContractTerms();

    /** One discount of one contract, with the contract's account and window. */
    public record Discount(String provider, String billingAccount, String model, String serviceTier,
            BigDecimal factor, Instant from, Instant to) {
        boolean covers(String p, String account, String m, String tier, Instant at) {
            return provider.equals(p) && (isAny(billingAccount) || billingAccount.equals(account))
                    && (isAny(model) || model.equals(m)) && (isAny(serviceTier) || serviceTier.equals(tier))
                    && !from.isAfter(at) && (to == null || to.isAfter(at));
        }

        int specificity() {
            return (isAny(billingAccount) ? 0 : 4) + (isAny(model) ? 0 : 2) + (isAny(serviceTier) ? 0 : 1);
        }

        private static boolean isAny(String s) {
            return s == null || s.isEmpty() || "*".equals(s);
        }
    }

    private final List<Discount> discounts = new ArrayList<>();
    private final TreeSet<Instant> boundaries = new TreeSet<>();

    public ContractTerms add(Discount d) {
        if (this == NONE) {
            throw new UnsupportedOperationException("NONE holds no contract");
        }
        discounts.add(d);
        boundaries.add(d.from());
        if (d.to() != null) {
            boundaries.add(d.to());
        }
        return this;
    }

    /** The factor on the list price in force for a call (1 without a contract discount). */
    public BigDecimal factor(String provider, String billingAccount, String model, String serviceTier, Instant at) {
        Discount best = null;
        for (Discount d : discounts) {
            if (d.covers(provider, billingAccount, model, serviceTier, at)
                    && (best == null || d.specificity() > best.specificity())) {
                best = d;
            }
        }
        return best == null ? BigDecimal.ONE : best.factor();
    }

    /** Whether a contract starts or ends strictly inside (from, to): calls summed over it cannot share one factor. */
    public boolean changesWithin(Instant from, Instant to) {
        Instant next = boundaries.higher(from);
        return next != null && next.isBefore(to);
    }

    /** The instants strictly inside (from, to) where {@link #changesWithin} sees a change, in time order. */
    public SortedSet<Instant> changesInside(Instant from, Instant to) {
        return from.isBefore(to) ? boundaries.subSet(from, false, to, false) : new TreeSet<>();
    }

    public boolean isEmpty() {
        return discounts.isEmpty();
    }
}
