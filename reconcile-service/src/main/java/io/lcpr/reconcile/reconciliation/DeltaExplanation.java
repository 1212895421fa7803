package io.lcpr.reconcile.reconciliation;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.ReconciliationCompletedV1.BucketEvidence;
import io.lcpr.events.ReconciliationCompletedV1.DeltaBucket;
import io.lcpr.events.ReconciliationCompletedV1.WeekDelta;
import io.lcpr.money.Money;
import io.lcpr.price.BillableUnits;
import io.lcpr.price.ExchangeRates;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.invoice.ChargeCategory;
import io.lcpr.reconcile.invoice.InvoiceRepository.LineSum;
import io.lcpr.reconcile.reconciliation.PeriodCosts.ModelDay;
import io.lcpr.reconcile.reconciliation.PeriodCosts.ModelDayKey;

/**
 * The delta of one account split into the exception buckets of DESIGN.md section 4, from the bill's lines against
 * the trace-derived cost by model (as priced, after aliases and naming rules), tier and day:
 * <ul>
 * <li>credit_or_commit_adjustment: the credit and adjustment lines;</li>
 * <li>provider_usage_without_trace: a model billed that no trace priced;</li>
 * <li>trace_usage_without_provider_export: a model traced that the bill does not name (when it names models);</li>
 * <li>batch_vs_realtime: a model's tier billed or traced on one side only;</li>
 * <li>token_count_discrepancy: where a usage export counts a model's tokens, the difference in counts at the rates
 * in force; likewise a non-token unit (a web search, an image) where the bill counts it;</li>
 * <li>vendor_overcharge: a usage line with a token count billed above the account's contract rate for its model,
 * tier and token class (list price times the contract's factor): recoverable, kept out of the loaded cost;</li>
 * <li>pricing_snapshot_mismatch: what is left of a model and tier on both sides: billed at other prices;</li>
 * <li>timezone_period_mismatch: where the account's contract bills another window than the reporting month (its
 * time zone, its period start day), the traces of the window less those of the month; the models are then compared
 * over the window;</li>
 * <li>missing_provider_request_id: where the bill names the request each line bills (RequestMatching), the bill's
 * requests no trace names against the traces that captured no provider request id, in a model and tier that has
 * such traces: without ids neither side can be told apart, so their difference is this bucket's. There, requests
 * billed and never traced are provider_usage_without_trace and requests traced and never billed are
 * trace_usage_without_provider_export, request by request, and what is left of the model is compared as usual;</li>
 * </ul>
 * A non-token charge (BillableUnits: a line billing web searches, images, seconds of audio) is reconciled by its
 * line against the same unit counted on the traces: billed with no trace counting it (provider_usage_without_trace),
 * counted and not itemized on a bill that itemizes units (trace_usage_without_provider_export), the counts apart
 * (token_count_discrepancy), above the contract's unit price (vendor_overcharge), and what is left at other prices
 * (pricing_snapshot_mismatch). The model's token remainder is what is left once its units are explained.
 * Lines without a model (a typed total) explain nothing: their part stays in the unexplained remainder, which is
 * the delta minus every bucket (each rounded to the micro-dollar, so the remainder also carries that rounding), and
 * the buckets and the remainder add up to the published delta exactly.
 */
final class DeltaExplanation {
    static final String OVERCHARGE = "vendor_overcharge";
    static final List<String> BUCKETS = List.of("missing_provider_request_id", "provider_usage_without_trace",
            "trace_usage_without_provider_export", "pricing_snapshot_mismatch", "credit_or_commit_adjustment",
            "timezone_period_mismatch", "batch_vs_realtime", "token_count_discrepancy", OVERCHARGE);
    /** A line's overcharge counts when it exceeds the contract amount by more than a cent and a tenth of a percent. */
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal RELATIVE = new BigDecimal("0.001");
    private static final Pattern UNIT = Pattern.compile("^\\s*([0-9.]+)\\s*([kKmM]?)");

    /**
     * How a billed model name is priced on an account: the price history's quote (resolved model, list rates) at a
     * day, and the account's contract factor for it.
     */
    interface Resolver {
        Optional<Resolved> resolve(String provider, String billingAccount, String model, String serviceTier,
                Instant day);
    }

    record Resolved(String model, Rates rates, BigDecimal contractFactor) {
    }

    /**
     * What a run knows of an account beyond its lines: the overcharge claims of earlier periods still open, and where
     * its billing window differs from the reporting month, that shift's trace-derived cost and how it is billed.
     */
    record AccountContext(List<ClaimRepository.OpenClaim> openClaims, List<WindowEdge> edges, String window,
            Map<RequestMatching.Key, RequestMatching.Cell> requests, String deltaBasis) {
        static final AccountContext NONE = new AccountContext(List.of(), List.of(), null, Map.of(),
                ProviderContractV1.BASIS_INVOICE);

        /** Whether the 5% verdict reads the delta against the trace-derived cost (the contract says so). */
        boolean judgedOnTrace() {
            return ProviderContractV1.BASIS_TRACE.equals(deltaBasis);
        }
    }

    /** The trace-derived sums of an edge of the billing window: +1 where the window reaches past the month, -1 short. */
    record WindowEdge(Map<ModelDayKey, ModelDay> traced, int sign) {
    }

    /**
     * The buckets, the remainder and the weekly trend; recoverable is the overcharge claimed (positive) net of the
     * credits that settle earlier claims (negative): neither is loaded onto workloads.
     */
    record Result(List<DeltaBucket> buckets, BigDecimal unexplained, List<WeekDelta> weekly, BigDecimal recoverable,
            List<ClaimRepository.Settlement> settlements) {
    }

    private record ModelTier(String model, String tier) implements Comparable<ModelTier> {
        @Override
        public int compareTo(ModelTier o) {
            int c = model.compareTo(o.model);
            return c != 0 ? c : tier.compareTo(o.tier);
        }
    }

    /** Token counts by class (uncached input, cache read, cache write, output), cost, and the non-token units apart. */
    private static final class Counts {
        final long[] tokens = new long[4];
        final Map<String, UnitCounts> units = new TreeMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal overcharge = BigDecimal.ZERO;
        Instant firstDay;

        UnitCounts unit(String unit) {
            return units.computeIfAbsent(unit, u -> new UnitCounts());
        }
    }

    /** One non-token unit of a model and tier: what the bill charges and counts, what the traces count and cost. */
    private static final class UnitCounts {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal quantity;
        BigDecimal overcharge = BigDecimal.ZERO;

        void count(BigDecimal q) {
            quantity = quantity == null ? q : quantity.add(q);
        }
    }

    private final Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    private final Map<String, List<BucketEvidence>> evidence = new LinkedHashMap<>();
    private final List<ClaimRepository.Settlement> settlements = new ArrayList<>();
    private BigDecimal settledCredits = BigDecimal.ZERO;

    private DeltaExplanation() {
        BUCKETS.forEach(b -> {
            amounts.put(b, BigDecimal.ZERO);
            evidence.put(b, new ArrayList<>());
        });
    }

    static Result explain(InvoiceTotal invoice, Map<ModelDayKey, ModelDay> traced, BigDecimal delta,
            Resolver resolver, AccountContext context, String period) {
        DeltaExplanation e = new DeltaExplanation();
        if (!context.edges().isEmpty()) {
            BigDecimal shift = context.edges().stream().flatMap(edge -> edge.traced().values().stream()
                    .map(m -> m.cost.multiply(BigDecimal.valueOf(edge.sign())))).reduce(BigDecimal.ZERO,
                            BigDecimal::add);
            e.add("timezone_period_mismatch", shift, new BucketEvidence(null, null, null, null, Money.of(shift),
                    Money.of(shift), context.window() + ": the traces of the billing window less those of the"
                            + " reporting month; the models below are compared over the billing window"));
        }
        return e.run(invoice, traced, delta, resolver, context, period);
    }

    private Result run(InvoiceTotal invoice, Map<ModelDayKey, ModelDay> traced, BigDecimal delta, Resolver resolver,
            AccountContext context, String period) {
        List<ClaimRepository.OpenClaim> openClaims = new ArrayList<>(context.openClaims());
        Map<ModelTier, Counts> billed = new TreeMap<>();
        Map<ModelTier, Counts> reported = new TreeMap<>();
        Map<ModelTier, Counts> tracedByModel = new TreeMap<>();
        Map<LocalDate, BigDecimal[]> byDay = new TreeMap<>();
        for (LineSum l : invoice.lines()) {
            if (!ExchangeRates.REPORTING.equals(l.currency())) {
                continue;
            }
            if (l.category() == ChargeCategory.CREDIT || l.category() == ChargeCategory.ADJUSTMENT) {
                String settles = l.category() == ChargeCategory.CREDIT ? settle(invoice, l, openClaims, period) : null;
                add("credit_or_commit_adjustment", l.billedCost(), new BucketEvidence(null, null, day(l.day()),
                        Money.of(l.billedCost()), BigDecimal.ZERO, Money.of(l.billedCost()),
                        settles == null ? l.category().label()
                                : "credit settling the vendor overcharge claim of " + settles + ": not loaded"));
            }
            if (l.category().inDelta() && l.billedCost() != null && l.day() != null) {
                day(byDay, l.day())[0] = day(byDay, l.day())[0].add(l.billedCost());
            }
            if ((l.category() != ChargeCategory.USAGE && l.category() != ChargeCategory.REPORTED_USAGE)
                    || l.model() == null) {
                continue;
            }
            Optional<Resolved> resolved = resolver.resolve(l.provider(), l.billingAccount(), l.model(),
                    l.serviceTier(), l.day());
            ModelTier key = new ModelTier(resolved.map(Resolved::model).orElse(l.model()),
                    l.serviceTier() == null ? "standard" : l.serviceTier());
            String unit = BillableUnits.ofBilled(l.tokenType(), l.unit());
            if (l.category() == ChargeCategory.USAGE) {
                Counts c = billed.computeIfAbsent(key, k -> new Counts());
                c.cost = c.cost.add(l.billedCost());
                c.firstDay = min(c.firstDay, l.day());
                if (unit != null) {
                    UnitCounts u = c.unit(unit);
                    u.cost = u.cost.add(l.billedCost());
                    if (l.quantity() != null) {
                        u.count(l.quantity());
                    }
                    List<Resolved> day = inForce(resolver, l, resolved);
                    u.overcharge = u.overcharge.add(unitOvercharge(l, key, day, unit));
                } else {
                    c.overcharge = c.overcharge.add(overcharge(l, key, inForce(resolver, l, resolved)));
                }
            } else if (unit != null) {
                if (l.quantity() != null) {
                    reported.computeIfAbsent(key, x -> new Counts()).unit(unit).count(l.quantity());
                }
            } else if (l.unit() != null && l.unit().toLowerCase(Locale.ROOT).contains("token")) {
                int k = tokenClass(l.tokenType());
                if (k >= 0 && l.quantity() != null) {
                    // a count stated with decimals (an export's rounding) is counted to the nearest token, never refused
                    reported.computeIfAbsent(key, x -> new Counts()).tokens[k] += l.quantity()
                            .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
                }
            }
        }
        addTraced(traced, 1, tracedByModel, byDay);
        context.edges().forEach(edge -> addTraced(edge.traced(), edge.sign(), tracedByModel, byDay));
        if (!billed.isEmpty()) {
            byModel(billed, reported, tracedByModel, invoice.provider(), invoice.billingAccount(), resolver,
                    context.requests());
        }
        BigDecimal explained = BigDecimal.ZERO;
        List<DeltaBucket> buckets = new ArrayList<>();
        for (String b : BUCKETS) {
            BigDecimal amount = Money.of(amounts.get(b));
            explained = explained.add(amount);
            buckets.add(new DeltaBucket(b, amount, List.copyOf(evidence.get(b))));
        }
        return new Result(buckets, Money.of(delta).subtract(explained), weekly(byDay),
                Money.of(amounts.get(OVERCHARGE).add(settledCredits)), List.copyOf(settlements));
    }

    private void byModel(Map<ModelTier, Counts> billed, Map<ModelTier, Counts> reported,
            Map<ModelTier, Counts> traced, String provider, String account, Resolver resolver,
            Map<RequestMatching.Key, RequestMatching.Cell> requests) {
        Set<String> models = new TreeSet<>();
        billed.keySet().forEach(k -> models.add(k.model()));
        traced.keySet().forEach(k -> models.add(k.model()));
        for (String model : models) {
            Map<String, Counts> b = tiers(billed, model);
            Map<String, Counts> t = tiers(traced, model);
            if (t.isEmpty()) {
                b.forEach((tier, c) -> add("provider_usage_without_trace", c.cost,
                        row(model, tier, c.cost, BigDecimal.ZERO, c.cost, "billed, no trace priced it")));
                continue;
            }
            if (b.isEmpty()) {
                t.forEach((tier, c) -> add("trace_usage_without_provider_export", c.cost.negate(),
                        row(model, tier, BigDecimal.ZERO, c.cost, c.cost.negate(), "traced, not on the bill")));
                continue;
            }
            Set<String> tiers = new TreeSet<>(b.keySet());
            tiers.addAll(t.keySet());
            for (String tier : tiers) {
                Counts bc = b.get(tier);
                Counts tc = t.get(tier);
                if (bc == null || tc == null) {
                    BigDecimal inv = bc == null ? BigDecimal.ZERO : bc.cost;
                    BigDecimal tr = tc == null ? BigDecimal.ZERO : tc.cost;
                    add("batch_vs_realtime", inv.subtract(tr), row(model, tier, inv, tr, inv.subtract(tr),
                            bc == null ? "traced in this tier, billed in another" : "billed in this tier, traced in another"));
                    continue;
                }
                BigDecimal tokens = BigDecimal.ZERO;
                Counts rc = reported.get(new ModelTier(model, tier));
                Optional<Resolved> rates = resolver.resolve(provider, account, model, tier, tc.firstDay);
                if (rc != null && rates.isPresent()) {
                    Rates r = rates.get().rates();
                    BigDecimal[] perMillion = { r.inputPerMillion(), r.cacheReadPerMillion(), r.cacheWritePerMillion(),
                            r.outputPerMillion() };
                    for (int k = 0; k < 4; k++) {
                        tokens = tokens.add(BigDecimal.valueOf(rc.tokens[k] - tc.tokens[k])
                                .multiply(perMillion[k] == null ? r.inputPerMillion() : perMillion[k]).movePointLeft(6));
                    }
                    if (tokens.signum() != 0) {
                        add("token_count_discrepancy", tokens, row(model, tier, bc.cost, tc.cost, tokens,
                                "the usage export counts " + java.util.Arrays.toString(rc.tokens) + " tokens (uncached,"
                                        + " cache read, cache write, output), the traces " + java.util.Arrays.toString(tc.tokens)));
                    }
                }
                BigDecimal units = units(model, tier, bc, tc, rc, rates);
                RequestMatching.Cell rq = requests.get(new RequestMatching.Key(model, tier));
                // only where every billed line of the model names its request: an aggregate line matches no request
                BigDecimal byRequest = rq == null || rq.billed.compareTo(bc.cost) != 0 ? BigDecimal.ZERO
                        : requests(model, tier, rq);
                BigDecimal price = bc.cost.subtract(tc.cost).subtract(tokens).subtract(bc.overcharge).subtract(units)
                        .subtract(byRequest);
                if (price.signum() != 0) {
                    add("pricing_snapshot_mismatch", price, row(model, tier, bc.cost, tc.cost, price,
                            "billed at other prices than the snapshot in force"));
                }
            }
        }
    }

    /**
     * Reconciles a model and tier's non-token units line by line into the buckets; returns what they account for of
     * the model's difference (billed units less traced units), the rest being its tokens'. A unit traced and not
     * billed stays with the tokens unless the bill itemizes units: a bill that does not may include it anywhere.
     */
    private BigDecimal units(String model, String tier, Counts bc, Counts tc, Counts rc, Optional<Resolved> rates) {
        Set<String> units = new TreeSet<>(bc.units.keySet());
        if (!bc.units.isEmpty()) {
            units.addAll(tc.units.keySet());
        }
        BigDecimal explained = BigDecimal.ZERO;
        for (String unit : units) {
            UnitCounts b = bc.units.get(unit);
            UnitCounts t = tc.units.get(unit);
            BigDecimal billedCost = b == null ? BigDecimal.ZERO : b.cost;
            BigDecimal tracedCost = t == null ? BigDecimal.ZERO : t.cost;
            explained = explained.add(billedCost).subtract(tracedCost);
            if (t == null) {
                add("provider_usage_without_trace", billedCost, row(model, tier, billedCost, BigDecimal.ZERO,
                        billedCost, unit + ": billed" + count(b.quantity) + ", no trace counted one"));
                continue;
            }
            if (b == null) {
                add("trace_usage_without_provider_export", tracedCost.negate(), row(model, tier, BigDecimal.ZERO,
                        tracedCost, tracedCost.negate(), unit + ": traced " + t.quantity.toPlainString()
                                + ", not on the bill, which itemizes other units"));
                continue;
            }
            BigDecimal billedCount = b.quantity != null ? b.quantity
                    : rc != null && rc.units.containsKey(unit) ? rc.units.get(unit).quantity : null;
            BigDecimal unitPrice = rates.map(r -> r.rates().unitPrices().get(unit) == null ? null
                    : r.rates().unitPrices().get(unit).multiply(r.contractFactor())).orElse(null);
            BigDecimal counts = BigDecimal.ZERO;
            if (billedCount != null && unitPrice != null && billedCount.compareTo(t.quantity) != 0) {
                counts = billedCount.subtract(t.quantity).multiply(unitPrice);
                add("token_count_discrepancy", counts, row(model, tier, billedCost, tracedCost, counts, unit
                        + ": the bill counts " + billedCount.toPlainString() + ", the traces "
                        + t.quantity.toPlainString()));
            }
            BigDecimal price = billedCost.subtract(tracedCost).subtract(counts).subtract(b.overcharge);
            if (price.signum() != 0) {
                add("pricing_snapshot_mismatch", price, row(model, tier, billedCost, tracedCost, price,
                        unitPrice == null ? unit + ": no unit price in the snapshot in force"
                                : unit + ": billed at other prices than the snapshot in force"));
            }
        }
        return explained;
    }

    /** A request-level model and tier's unmatched requests into their buckets; returns what they account for. */
    private BigDecimal requests(String model, String tier, RequestMatching.Cell rq) {
        BigDecimal explained = BigDecimal.ZERO;
        if (rq.tracedWithoutIdCount > 0) {
            BigDecimal amount = rq.unmatchedBilled.subtract(rq.tracedWithoutId);
            add("missing_provider_request_id", amount, row(model, tier, rq.unmatchedBilled, rq.tracedWithoutId, amount,
                    rq.tracedWithoutIdCount + " traced calls captured no provider request id; "
                            + rq.unmatchedBilledCount + " billed requests match no trace" + samples(rq.unmatchedBilledSamples)));
            explained = explained.add(amount);
        } else if (rq.unmatchedBilledCount > 0) {
            add("provider_usage_without_trace", rq.unmatchedBilled, row(model, tier, rq.unmatchedBilled,
                    BigDecimal.ZERO, rq.unmatchedBilled, rq.unmatchedBilledCount + " billed requests no trace names"
                            + samples(rq.unmatchedBilledSamples)));
            explained = explained.add(rq.unmatchedBilled);
        }
        if (rq.tracedUnbilledCount > 0) {
            add("trace_usage_without_provider_export", rq.tracedUnbilled.negate(), row(model, tier, BigDecimal.ZERO,
                    rq.tracedUnbilled, rq.tracedUnbilled.negate(), rq.tracedUnbilledCount
                            + " traced requests the bill does not name" + samples(rq.tracedUnbilledSamples)));
            explained = explained.subtract(rq.tracedUnbilled);
        }
        return explained;
    }

    private static String samples(List<String> ids) {
        return ids.isEmpty() ? "" : ", e.g. " + String.join(", ", ids);
    }

    private static String count(BigDecimal quantity) {
        return quantity == null ? "" : " " + quantity.toPlainString();
    }

    /**
     * A billed non-token line above the contract's unit price for its model and tier (list unit price times the
     * contract factor): recoverable, like a token line's overcharge. A line without a count cannot be judged.
     */
    private BigDecimal unitOvercharge(LineSum l, ModelTier key, List<Resolved> day, String unit) {
        if (day.isEmpty() || l.quantity() == null || l.billedCost() == null) {
            return BigDecimal.ZERO;
        }
        Resolved r = dearest(day, x -> x.rates().unitPrices().get(unit));
        BigDecimal listPrice = r.rates().unitPrices().get(unit);
        if (listPrice == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal contract = l.quantity().multiply(listPrice).multiply(r.contractFactor());
        BigDecimal over = l.billedCost().subtract(contract);
        if (over.compareTo(CENT) <= 0 || over.compareTo(contract.multiply(RELATIVE)) <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal billedRate = l.quantity().signum() == 0 ? null
                : l.billedCost().divide(l.quantity(), 6, java.math.RoundingMode.HALF_UP);
        add(OVERCHARGE, over, new BucketEvidence(key.model(), key.tier(), day(l.day()), Money.of(l.billedCost()),
                Money.of(contract), Money.of(over), String.format(Locale.ROOT,
                        "%s billed at %s per unit; contract rate %s (list %s x %s): recoverable", unit,
                        billedRate == null ? "?" : billedRate.stripTrailingZeros().toPlainString(),
                        listPrice.multiply(r.contractFactor()).stripTrailingZeros().toPlainString(),
                        listPrice.stripTrailingZeros().toPlainString(), r.contractFactor().toPlainString())));
        return over;
    }

    /**
     * A credit whose amount is, to the cent, what an earlier period's overcharge claim still has open settles that
     * claim (the oldest first); returns the claim's period, or null when it settles none.
     */
    private String settle(InvoiceTotal invoice, LineSum credit, List<ClaimRepository.OpenClaim> open, String period) {
        BigDecimal refund = credit.billedCost() == null ? BigDecimal.ZERO : credit.billedCost().negate();
        for (int i = 0; i < open.size(); i++) {
            ClaimRepository.OpenClaim claim = open.get(i);
            if (refund.signum() > 0 && claim.outstanding().subtract(refund).abs().compareTo(CENT) < 0) {
                open.remove(i);
                settlements.add(new ClaimRepository.Settlement(invoice.provider(), invoice.billingAccount(),
                        claim.period(), period, refund));
                settledCredits = settledCredits.add(credit.billedCost());
                return claim.period();
            }
        }
        return null;
    }

    /**
     * The part of a billed usage line above the contract rate for its model, tier and token class: the tokens it
     * bills (quantity times its unit) at the list rate times the account's contract factor, against what it billed.
     * A line without a token count cannot be judged and is left to the other buckets.
     */
    private BigDecimal overcharge(LineSum l, ModelTier key, List<Resolved> day) {
        int k = tokenClass(l.tokenType());
        BigDecimal perUnit = unitTokens(l.unit());
        if (day.isEmpty() || k < 0 || l.quantity() == null || perUnit == null || l.billedCost() == null) {
            return BigDecimal.ZERO;
        }
        Resolved r = dearest(day, x -> classRate(x.rates(), k));
        BigDecimal listRate = classRate(r.rates(), k);
        BigDecimal tokens = l.quantity().multiply(perUnit);
        BigDecimal contract = tokens.multiply(listRate).multiply(r.contractFactor()).movePointLeft(6);
        BigDecimal over = l.billedCost().subtract(contract);
        if (over.compareTo(CENT) <= 0 || over.compareTo(contract.multiply(RELATIVE)) <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal billedRate = tokens.signum() == 0 ? null
                : l.billedCost().movePointRight(6).divide(tokens, 6, java.math.RoundingMode.HALF_UP);
        add(OVERCHARGE, over, new BucketEvidence(key.model(), key.tier(), day(l.day()), Money.of(l.billedCost()),
                Money.of(contract), Money.of(over), String.format(Locale.ROOT,
                        "%s billed at %s per million tokens; contract rate %s (list %s x %s): recoverable",
                        l.tokenType(), billedRate == null ? "?" : billedRate.stripTrailingZeros().toPlainString(),
                        Money.of(listRate.multiply(r.contractFactor())).toPlainString(),
                        listRate.stripTrailingZeros().toPlainString(), r.contractFactor().toPlainString())));
        return over;
    }

    /**
     * The prices of a line's model in force over its day: at its start and at its last instant. A price that changes
     * during the day leaves the line billed partly at each, so an overcharge is judged against the dearer one: only
     * what is above every price in force that day is claimed.
     */
    private static List<Resolved> inForce(Resolver resolver, LineSum l, Optional<Resolved> atStart) {
        if (atStart.isEmpty()) {
            return List.of();
        }
        Optional<Resolved> atEnd = l.day() == null ? Optional.empty()
                : resolver.resolve(l.provider(), l.billingAccount(), l.model(), l.serviceTier(),
                        l.day().plus(java.time.Duration.ofDays(1)).minusNanos(1));
        return atEnd.isEmpty() ? List.of(atStart.get()) : List.of(atStart.get(), atEnd.get());
    }

    /** Of the prices in force, the one with the highest contract rate for what {@code rate} reads (null: unpriced). */
    private static Resolved dearest(List<Resolved> day, java.util.function.Function<Resolved, BigDecimal> rate) {
        Resolved best = day.get(0);
        for (Resolved r : day) {
            BigDecimal a = rate.apply(r);
            BigDecimal b = rate.apply(best);
            if (a != null && (b == null
                    || a.multiply(r.contractFactor()).compareTo(b.multiply(best.contractFactor())) > 0)) {
                best = r;
            }
        }
        return best;
    }

    private static BigDecimal classRate(Rates list, int k) {
        BigDecimal[] perMillion = { list.inputPerMillion(), list.cacheReadPerMillion(), list.cacheWritePerMillion(),
                list.outputPerMillion() };
        return perMillion[k] == null ? list.inputPerMillion() : perMillion[k];
    }

    /** Tokens per unit of a bill's quantity: {@code tokens} 1, {@code 1000 Tokens} or {@code 1000_tokens} 1,000, {@code 1M tokens} 1,000,000. */
    static BigDecimal unitTokens(String unit) {
        if (unit == null || !unit.toLowerCase(Locale.ROOT).contains("token")) {
            return null;
        }
        Matcher m = UNIT.matcher(unit);
        if (!m.find()) {
            return BigDecimal.ONE;
        }
        BigDecimal n = new BigDecimal(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n.multiply(BigDecimal.valueOf(1_000));
            case "m" -> n.multiply(BigDecimal.valueOf(1_000_000));
            default -> n;
        };
    }

    private static void addTraced(Map<ModelDayKey, ModelDay> traced, int sign, Map<ModelTier, Counts> byModel,
            Map<LocalDate, BigDecimal[]> byDay) {
        traced.forEach((k, m) -> {
            Counts c = byModel.computeIfAbsent(new ModelTier(k.model(), k.serviceTier()), x -> new Counts());
            c.tokens[0] += sign * m.uncachedTokens;
            c.tokens[1] += sign * m.cacheReadTokens;
            c.tokens[2] += sign * m.cacheWriteTokens;
            c.tokens[3] += sign * m.outputTokens;
            m.units.forEach((unit, u) -> {
                UnitCounts uc = c.unit(unit);
                BigDecimal s = BigDecimal.valueOf(sign);
                uc.cost = uc.cost.add(u.cost.multiply(s));
                uc.count(u.quantity.multiply(s));
            });
            BigDecimal cost = m.cost.multiply(BigDecimal.valueOf(sign));
            c.cost = c.cost.add(cost);
            c.firstDay = min(c.firstDay, k.day());
            BigDecimal[] d = day(byDay, k.day());
            d[1] = d[1].add(cost);
        });
    }

    private static Map<String, Counts> tiers(Map<ModelTier, Counts> byKey, String model) {
        Map<String, Counts> out = new TreeMap<>();
        byKey.forEach((k, c) -> {
            if (k.model().equals(model)) {
                out.put(k.tier(), c);
            }
        });
        return out;
    }

    /** uncached input 0, cache read 1, cache write 2, output 3; -1 for what is no token class (requests). */
    static int tokenClass(String tokenType) {
        String t = tokenType == null ? "" : tokenType.toLowerCase(Locale.ROOT).replace(' ', '_').replace('.', '_');
        if (t.contains("uncached")) {
            return 0;
        }
        if (t.contains("cache_write") || t.contains("cache_creation")) {
            return 2;
        }
        if (t.contains("cached") || t.contains("cache_read")) {
            return 1;
        }
        if (t.contains("output")) {
            return 3;
        }
        return t.contains("input") ? 0 : -1;
    }

    private void add(String bucket, BigDecimal amount, BucketEvidence row) {
        amounts.merge(bucket, amount, BigDecimal::add);
        evidence.get(bucket).add(row);
    }

    private static BucketEvidence row(String model, String tier, BigDecimal invoiced, BigDecimal traced,
            BigDecimal amount, String note) {
        return new BucketEvidence(model, tier, null, Money.of(invoiced), Money.of(traced), Money.of(amount), note);
    }

    private static List<WeekDelta> weekly(Map<LocalDate, BigDecimal[]> byDay) {
        Map<LocalDate, BigDecimal[]> weeks = new TreeMap<>();
        byDay.forEach((d, v) -> {
            BigDecimal[] w = weeks.computeIfAbsent(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    x -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
            w[0] = w[0].add(v[0]);
            w[1] = w[1].add(v[1]);
        });
        List<WeekDelta> out = new ArrayList<>();
        weeks.forEach((monday, w) -> out.add(new WeekDelta(monday.toString(), Money.of(w[0]), Money.of(w[1]),
                Money.of(w[0].subtract(w[1])))));
        return out;
    }

    private static BigDecimal[] day(Map<LocalDate, BigDecimal[]> byDay, Instant day) {
        return byDay.computeIfAbsent(LocalDate.ofInstant(day, ZoneOffset.UTC),
                d -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
    }

    private static String day(Instant day) {
        return day == null ? null : LocalDate.ofInstant(day, ZoneOffset.UTC).toString();
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }
}
