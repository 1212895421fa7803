package io.lcpr.reconcile.invoice;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lcpr.events.CanonicalTrace;
import io.lcpr.events.ReconciliationCompletedV1;
import io.lcpr.events.ReconciliationCompletedV1.AccountReconciliation;
import io.lcpr.events.ReconciliationCompletedV1.DeltaBucket;
import io.lcpr.events.TraceRecordedV1;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.money.Money;
import io.lcpr.price.Rates;
import io.lcpr.reconcile.MonthFixtures;
import io.lcpr.reconcile.period.Period;
import io.lcpr.reconcile.pricing.PricingCopyService;
import io.lcpr.reconcile.reconciliation.ReconciliationRuns;
import io.lcpr.reconcile.usage.UsageBatches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * Charges billed by something other than a token, through the month: a search model's web searches, an image
 * model's images, a transcription model's seconds, each counted on its traces ({@code lcpr.units.<unit>}) and billed
 * by line beside the tokens. The trace-derived cost includes them at the unit prices in force; the bill's unit lines
 * are matched unit by unit, and each seeded difference lands in its bucket: a day of searches billed above the unit
 * price (a recoverable overcharge), five searches more on the bill than on the traces, and code-interpreter sessions
 * no trace counted.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class NonTokenChargesTest {
    static final String PROVIDER = "unitco";
    static final String ACCOUNT = "proj-u";
    static final Period MONTH = Period.parse("2034-02");
    static final Instant FROM = Instant.parse("2034-01-01T00:00:00Z");
    static final BigDecimal SEARCH = new BigDecimal("0.01");
    /** Searches cost 0.011 from half past noon on the 15th: that hour's searches are priced call by call. */
    static final BigDecimal SEARCH_LATER = new BigDecimal("0.011");
    static final Instant SEARCH_CHANGE = Instant.parse("2034-02-15T12:30:00Z");
    static final BigDecimal IMAGE = new BigDecimal("0.04");
    static final BigDecimal SECOND = new BigDecimal("0.0001");
    static final Rates SEARCH_RATES = Rates.simple(new BigDecimal("2.5"), new BigDecimal("1.25"),
            new BigDecimal("2.5"), new BigDecimal("10")).withUnitPrices(Map.of("web_search", SEARCH));
    static final Rates IMAGE_RATES = Rates.simple(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)
            .withUnitPrices(Map.of("output_image", IMAGE));
    static final Rates AUDIO_RATES = Rates.simple(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)
            .withUnitPrices(Map.of("input_second", SECOND));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    /** What the traces of one model and day add up to. */
    static final class Day {
        BigDecimal tokenCost = BigDecimal.ZERO;
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal unitCost = BigDecimal.ZERO;
    }

    @Test
    void unitChargesArePricedFromTracesAndReconciledByLine() {
        pricing.record(MonthFixtures.price(PROVIDER, "searcher", "standard", SEARCH_RATES, FROM));
        pricing.record(MonthFixtures.price(PROVIDER, "searcher", "standard",
                SEARCH_RATES.withUnitPrices(Map.of("web_search", SEARCH_LATER)), SEARCH_CHANGE));
        pricing.record(MonthFixtures.price(PROVIDER, "painter", "standard", IMAGE_RATES, FROM));
        pricing.record(MonthFixtures.price(PROVIDER, "listener", "standard", AUDIO_RATES, FROM));
        Random random = new Random(29);
        List<TraceRecordedV1> traces = new ArrayList<>();
        Map<String, Map<LocalDate, Day>> byModelDay = new TreeMap<>();
        for (int i = 0; i < 906; i++) {
            String model = i >= 900 ? "searcher" : List.of("searcher", "searcher", "painter", "listener").get(i % 4);
            Instant at = i >= 900 ? SEARCH_CHANGE.plusSeconds((i - 903) * 600L) // either side of the change
                    : MONTH.start().plusSeconds(random.nextLong(28L * 86_400 - 60));
            long input = model.equals("searcher") ? 200 + random.nextInt(3000) : 40;
            long output = model.equals("searcher") ? random.nextInt(800) : 0;
            Map<String, String> attributes = new TreeMap<>();
            BigDecimal units = switch (model) {
            case "searcher" -> i >= 900 || random.nextInt(3) == 0 ? BigDecimal.valueOf(1 + random.nextInt(3))
                    : BigDecimal.ZERO;
            case "painter" -> BigDecimal.valueOf(1 + random.nextInt(4));
            default -> BigDecimal.valueOf(5 + random.nextInt(600), 1); // seconds of audio, to the tenth
            };
            String unit = switch (model) {
            case "searcher" -> "web_search";
            case "painter" -> "output_image";
            default -> "input_second";
            };
            if (units.signum() > 0) {
                attributes.put("lcpr.units." + unit, units.toPlainString());
            }
            attributes.put("gen_ai.operation.name", "chat");
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:unitco:" + i,
                    new CanonicalTrace("unitco-" + i, null, null, "unitco-unit-" + i, null, "first_attempt", "w-units",
                            "t-units", null, PROVIDER, model, "standard", null, null, ACCOUNT, null, null, at, input, 0L,
                            0L, output, 0L, 300L, 900L, null, null, null, attributes)));
            Day day = byModelDay.computeIfAbsent(model, m -> new TreeMap<>())
                    .computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new Day());
            Rates rates = model.equals("searcher") ? SEARCH_RATES : model.equals("painter") ? IMAGE_RATES : AUDIO_RATES;
            day.tokenCost = day.tokenCost.add(rates.cost(new Rates.Usage(input, 0, 0, output, 0)));
            day.units = day.units.add(units);
            BigDecimal unitPrice = model.equals("searcher") ? at.isBefore(SEARCH_CHANGE) ? SEARCH : SEARCH_LATER
                    : model.equals("painter") ? IMAGE : SECOND;
            day.unitCost = day.unitCost.add(units.multiply(unitPrice));
        }
        // a call sent twice is counted once, its units too
        traces.add(traces.get(1));
        for (int i = 0; i < traces.size(); i += 100) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 100))));
        }

        // the bill: tokens and units by day and model; on the 10th the searches are billed at 0.015, on the 5th it
        // counts five more than the traces; three code-interpreter sessions nobody traced
        StringBuilder bill = new StringBuilder("charge_start,category,model,service_tier,token_type,quantity,unit,amount\n");
        BigDecimal overcharge = BigDecimal.ZERO;
        BigDecimal tracedTotal = BigDecimal.ZERO;
        for (var model : byModelDay.entrySet()) {
            for (var d : model.getValue().entrySet()) {
                Day day = d.getValue();
                tracedTotal = tracedTotal.add(day.tokenCost).add(day.unitCost);
                if (day.tokenCost.signum() > 0) {
                    bill.append(d.getKey()).append(",usage,").append(model.getKey()).append(",standard,tokens,,,")
                            .append(day.tokenCost.toPlainString()).append('\n');
                }
                if (day.units.signum() == 0) {
                    continue;
                }
                BigDecimal billedUnits = day.units;
                BigDecimal billedCost = day.unitCost;
                if (model.getKey().equals("searcher") && d.getKey().getDayOfMonth() == 10) {
                    billedCost = day.units.multiply(new BigDecimal("0.015"));
                    overcharge = billedCost.subtract(day.unitCost);
                }
                if (model.getKey().equals("searcher") && d.getKey().getDayOfMonth() == 5) {
                    billedUnits = billedUnits.add(BigDecimal.valueOf(5));
                    billedCost = billedCost.add(BigDecimal.valueOf(5).multiply(SEARCH));
                }
                String unitName = switch (model.getKey()) {
                case "searcher" -> "web search calls";
                case "painter" -> "images";
                default -> "seconds";
                };
                bill.append(d.getKey()).append(",usage,").append(model.getKey()).append(",standard,,")
                        .append(billedUnits.toPlainString()).append(',').append(unitName).append(',')
                        .append(billedCost.toPlainString()).append('\n');
            }
        }
        bill.append("2034-02-27,usage,searcher,standard,,3,code interpreter sessions,0.09\n");
        given().contentType("text/csv").body(bill.toString()).queryParam("format", "csv")
                .queryParam("provider", PROVIDER).queryParam("billing_account", ACCOUNT)
                .post("/api/invoices/imports").then().statusCode(201);

        ReconciliationRuns.RunView run = runs.start(MONTH);
        assertEquals("completed", run.status(), run.error());
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(run.runId());
        AccountReconciliation account = completed.accounts().stream()
                .filter(a -> a.provider().equals(PROVIDER)).findFirst().orElseThrow();

        assertEquals(0, Money.of(tracedTotal).compareTo(account.traceDerivedCost()),
                "tokens and units at the prices in force: " + Money.of(tracedTotal) + " vs " + account.traceDerivedCost());
        assertTrue(overcharge.signum() > 0, "the 10th has searches");
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put("vendor_overcharge", overcharge);
        expected.put("token_count_discrepancy", new BigDecimal("0.05"));
        expected.put("provider_usage_without_trace", new BigDecimal("0.09"));
        expected.put("pricing_snapshot_mismatch", BigDecimal.ZERO);
        expected.put("trace_usage_without_provider_export", BigDecimal.ZERO);
        Map<String, BigDecimal> actual = new TreeMap<>();
        account.buckets().forEach(b -> actual.put(b.bucket(), b.amount()));
        expected.forEach((bucket, amount) -> assertEquals(0, Money.of(amount).compareTo(actual.get(bucket)),
                bucket + ": expected " + Money.of(amount) + ", was " + actual.get(bucket) + " in " + account.buckets()));
        assertTrue(account.unexplained().abs().compareTo(new BigDecimal("0.00001")) <= 0,
                "every unit line explained: " + account.unexplained());
        BigDecimal sum = account.buckets().stream().map(DeltaBucket::amount).reduce(account.unexplained(),
                BigDecimal::add);
        assertEquals(0, account.delta().compareTo(sum), "buckets and remainder add up to the delta");
        DeltaBucket over = account.buckets().stream().filter(b -> b.bucket().equals("vendor_overcharge")).findFirst()
                .orElseThrow();
        assertEquals(1, over.evidence().size(), over.evidence().toString());
        assertEquals("2034-02-10", over.evidence().get(0).day());
        assertTrue(over.evidence().get(0).note().startsWith("web_search billed at 0.015 per unit"),
                over.evidence().get(0).note());
        assertTrue(account.buckets().stream().filter(b -> b.bucket().equals("provider_usage_without_trace"))
                .flatMap(b -> b.evidence().stream())
                .anyMatch(e -> e.note().startsWith("code_interpreter_session: billed 3")), account.buckets().toString());
    }
}
