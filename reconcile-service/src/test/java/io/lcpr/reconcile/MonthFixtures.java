package io.lcpr.reconcile;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lcpr.delivery.ConsumedRecord;
import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.EventJson;
import io.lcpr.events.Outcome;
import io.lcpr.events.OutcomeRecordedV1;
import io.lcpr.events.PricingSnapshotV1;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.price.Rates;

/** What the month tests build their months from: events as the consumers receive them, and the run as served. */
public final class MonthFixtures {
    private MonthFixtures() {
    }

    /** Events as one poll of a topic hands them to the consumer. */
    public static List<ConsumedRecord> records(List<?> events) {
        List<ConsumedRecord> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            out.add(new ConsumedRecord("test", 0, i, null, EventJson.write(events.get(i))));
        }
        return out;
    }

    /** A price entry in USD as pricing-service publishes it, in force from {@code from}. */
    public static PricingSnapshotV1 price(String provider, String model, String tier, Rates r, Instant from) {
        return price(provider, model, tier, r, from, "USD");
    }

    public static PricingSnapshotV1 price(String provider, String model, String tier, Rates r, Instant from,
            String currency) {
        return new PricingSnapshotV1(UUID.randomUUID(), from, 1, "test", UUID.randomUUID(), UUID.randomUUID(), 1,
                provider, model, tier, "", from, null, currency, r.inputPerMillion(), r.cacheReadPerMillion(),
                r.cacheWritePerMillion(), null, r.outputPerMillion(), null, null, null, null, null, null, "test",
                r.unitPrices().isEmpty() ? null : r.unitPrices());
    }

    /**
     * An OpenAI call of workload alias-test, its own work unit, 1,000 input and 100 output tokens, as ingest publishes
     * it (dedupe key "req:openai:" and the request id).
     */
    public static TraceRecordedV1 trace(String requestId, String model, String tier, Instant at) {
        CanonicalTrace t = new CanonicalTrace(requestId, null, null, requestId, null, "first_attempt", "alias-test", "t",
                null, "openai", model, tier, null, null, "proj-x", null, null, at, 1000L, 0L, 0L, 100L, null, null, null,
                null, null, null, null);
        return new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:openai:" + requestId, t);
    }

    /** A verdict about a request and its unit, with the human cost and review minutes it states (or null). */
    public static OutcomeRecordedV1 outcome(String kind, String request, String unit, Boolean passed,
            BigDecimal humanCost, BigDecimal reviewMinutes, Instant at) {
        return new OutcomeRecordedV1(UUID.randomUUID(), at, 1, "test", new Outcome(null, kind, request, unit, null,
                passed, null, null, humanCost, reviewMinutes, null, at));
    }

    /** The reconciliation of a run, as GET /api/reconciliations/{id} serves it. */
    public static ReconciliationCompletedV1 reconciliation(UUID runId) {
        try {
            return EventJson.MAPPER.convertValue(EventJson.MAPPER.readTree(given()
                    .get("/api/reconciliations/" + runId).then().statusCode(200).extract().asString())
                    .get("reconciliation"), ReconciliationCompletedV1.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("the run " + runId + " is not JSON", e);
        }
    }

    /** A provider's FOCUS bill as the month tests write it: usage lines by UTC day, with the model in x_Model. */
    public static final class FocusBill {
        private final StringBuilder csv = new StringBuilder("BilledCost,BillingAccountId,BillingCurrency,"
                + "BillingPeriodStart,ChargeCategory,ChargePeriodStart,ProviderName,x_Model\n");
        private final String provider;
        private final String periodStart;
        private BigDecimal total = BigDecimal.ZERO;

        public FocusBill(String provider, String periodStart) {
            this.provider = provider;
            this.periodStart = periodStart;
        }

        /** One usage line; a null model is a line that names none. */
        public FocusBill line(BigDecimal billed, String account, java.time.LocalDate day, String model) {
            total = total.add(billed);
            csv.append(billed.toPlainString()).append(',').append(account).append(",USD,").append(periodStart)
                    .append(",Usage,").append(day).append(',').append(provider).append(',')
                    .append(model == null ? "" : model).append('\n');
            return this;
        }

        /** A line a day, each day's cost to the cent, as providers bill. */
        public FocusBill daily(java.util.Map<java.time.LocalDate, BigDecimal> byDay, String account, String model) {
            byDay.forEach((day, cost) -> line(cost.setScale(2, java.math.RoundingMode.HALF_UP), account, day, model));
            return this;
        }

        public BigDecimal total() {
            return total;
        }

        /** Posts the bill to the import API (201). */
        public void post() {
            given().contentType("text/csv").body(csv.toString()).queryParam("format", "focus")
                    .post("/api/invoices/imports").then().statusCode(201);
        }
    }
}
