package io.lcpr.pricing.contract;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.lcpr.delivery.Outbox;
import io.lcpr.events.EventJson;
import io.lcpr.events.ProviderContractV1;
import io.lcpr.events.RevenueTermV1;
import io.lcpr.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.lcpr.pricing.snapshot.EntryValidator;
import jakarta.ws.rs.BadRequestException;

/** Provider contracts and revenue terms: the contract source of the four-source join (000). */
@ApplicationScoped
public class ContractService {
    static final String PRODUCER = "pricing-service";

    private final Outbox outbox;

    public ContractService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A discount on the list price of a model (or every model: "*") and tier, as a factor (0.8 = 20% off). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Discount(String model, String serviceTier, BigDecimal factor) {
    }

    /** A credit: an amount usable within its window. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Credit(String name, BigDecimal amount, Instant validFrom, Instant validTo) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ContractRequest(String provider, String billingAccount, String name, String currency,
            String billingTimeZone, Integer periodStartDay, Instant effectiveFrom, Instant effectiveTo,
            BigDecimal batchDiscountFactor, BigDecimal committedSpend, Instant commitmentFrom, Instant commitmentTo,
            List<Discount> discounts, List<Credit> credits, String deltaBasis) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RevenueRequest(String workload, String account, String kind, BigDecimal amount, String currency,
            Instant effectiveFrom, Instant effectiveTo) {
    }

    @Transactional
    public ProviderContract add(ContractRequest r) {
        List<String> problems = new ArrayList<>();
        if (r.provider() == null || r.billingAccount() == null || r.name() == null || r.effectiveFrom() == null) {
            problems.add("provider, billing_account, name and effective_from are required");
        }
        String zone = r.billingTimeZone() == null ? "UTC" : r.billingTimeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add("billing_time_zone: '" + zone + "' is not a time zone (e.g. America/Los_Angeles)");
        }
        int startDay = r.periodStartDay() == null ? 1 : r.periodStartDay();
        if (startDay < 1 || startDay > 28) {
            problems.add("period_start_day: must be 1..28, got " + startDay);
        }
        factor(problems, "batch_discount_factor", r.batchDiscountFactor());
        String basis = r.deltaBasis() == null ? ProviderContractV1.BASIS_INVOICE : r.deltaBasis().toLowerCase(Locale.ROOT);
        if (!basis.equals(ProviderContractV1.BASIS_INVOICE) && !basis.equals(ProviderContractV1.BASIS_TRACE)) {
            problems.add("delta_basis: '" + r.deltaBasis() + "' is not invoice or trace");
        }
        if (r.committedSpend() != null && r.committedSpend().signum() < 0) {
            problems.add("committed_spend: must not be negative");
        }
        EntryValidator.text(problems, "provider", r.provider(), 64);
        EntryValidator.text(problems, "billing_account", r.billingAccount(), 255);
        EntryValidator.text(problems, "name", r.name(), 255);
        EntryValidator.text(problems, "currency", r.currency(), 3);
        EntryValidator.text(problems, "billing_time_zone", r.billingTimeZone(), 64);
        EntryValidator.amount(problems, "committed_spend", r.committedSpend());
        List<Discount> discounts = r.discounts() == null ? List.of() : r.discounts();
        discounts.forEach(d -> factor(problems, "discounts[" + d.model() + "].factor", d.factor()));
        List<Credit> credits = r.credits() == null ? List.of() : r.credits();
        for (Credit c : credits) {
            if (c.amount() == null || c.amount().signum() < 0 || c.validFrom() == null || c.validTo() == null
                    || !c.validTo().isAfter(c.validFrom())) {
                problems.add("credits[" + c.name() + "]: needs a non-negative amount and valid_from before valid_to");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join("; ", problems));
        }
        ProviderContract c = new ProviderContract();
        c.id = UUID.randomUUID();
        c.provider = r.provider().toLowerCase(Locale.ROOT);
        c.billingAccount = r.billingAccount();
        c.name = r.name();
        c.currency = r.currency() == null ? "USD" : r.currency();
        c.billingTimeZone = zone;
        c.periodStartDay = startDay;
        c.effectiveFrom = r.effectiveFrom();
        c.effectiveTo = r.effectiveTo();
        c.batchDiscountFactor = r.batchDiscountFactor();
        c.committedSpend = r.committedSpend();
        c.commitmentFrom = r.commitmentFrom();
        c.commitmentTo = r.commitmentTo();
        c.discounts = EventJson.write(discounts);
        c.credits = EventJson.write(credits);
        c.deltaBasis = basis;
        c.createdAt = Instant.now();
        c.persist();
        outbox.add(Topics.PRICING_CONTRACTS, c.id.toString(), new ProviderContractV1(UUID.randomUUID(), c.createdAt,
                ProviderContractV1.SCHEMA_VERSION, PRODUCER, c.id, c.provider, c.billingAccount, c.name, c.currency,
                c.billingTimeZone, c.periodStartDay, c.effectiveFrom, c.effectiveTo, c.batchDiscountFactor,
                c.committedSpend, c.commitmentFrom, c.commitmentTo,
                discounts.stream().map(d -> new ProviderContractV1.Discount(d.model(), d.serviceTier(), d.factor()))
                        .toList(),
                credits.stream().map(x -> new ProviderContractV1.Credit(x.name(), x.amount(), x.validFrom(),
                        x.validTo())).toList(), c.deltaBasis));
        return c;
    }

    @Transactional
    public RevenueTerm add(RevenueRequest r) {
        if (r.kind() == null || !(r.kind().equals(RevenueTerm.PER_ACCEPTED_UNIT) || r.kind().equals(RevenueTerm.FIXED_MONTHLY))) {
            throw new BadRequestException("kind: '" + r.kind() + "' (per_accepted_unit or fixed_monthly)");
        }
        if (r.workload() == null && r.account() == null) {
            throw new BadRequestException("workload or account is required");
        }
        if (r.amount() == null || r.amount().signum() < 0 || r.effectiveFrom() == null) {
            throw new BadRequestException("a non-negative amount and effective_from are required");
        }
        List<String> problems = new ArrayList<>();
        EntryValidator.text(problems, "workload", r.workload(), 255);
        EntryValidator.text(problems, "account", r.account(), 255);
        EntryValidator.text(problems, "currency", r.currency(), 3);
        EntryValidator.amount(problems, "amount", r.amount());
        if (!problems.isEmpty()) {
            throw new BadRequestException(String.join("; ", problems));
        }
        RevenueTerm t = new RevenueTerm();
        t.id = UUID.randomUUID();
        t.workload = r.workload();
        t.account = r.account();
        t.kind = r.kind();
        t.amount = r.amount();
        t.currency = r.currency() == null ? "USD" : r.currency();
        t.effectiveFrom = r.effectiveFrom();
        t.effectiveTo = r.effectiveTo();
        t.createdAt = Instant.now();
        t.persist();
        outbox.add(Topics.PRICING_REVENUE_TERMS, t.id.toString(), new RevenueTermV1(UUID.randomUUID(), t.createdAt,
                RevenueTermV1.SCHEMA_VERSION, PRODUCER, t.id, t.workload, t.account, t.kind, t.amount, t.currency,
                t.effectiveFrom, t.effectiveTo));
        return t;
    }

    private static void factor(List<String> problems, String field, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(field + ": a factor between 0 and 1, got " + value.toPlainString());
        }
    }
}
