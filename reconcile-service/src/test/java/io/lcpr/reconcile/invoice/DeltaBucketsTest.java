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
import io.lcpr.events.ProviderContractV1;
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
 * A month seeded with one known cause per exception bucket: many calls over the month, a bill by day and model sent
 * as the suite's invoice CSV, a usage export, a credit. Each bucket's amount is computed here from what was traced
 * (priced call by call) and what was billed, and found in its bucket; the buckets and the remainder add up to the
 * delta.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class DeltaBucketsTest {
    static final String PROVIDER = "bucketco";
    static final String ACCOUNT = "proj-b";
    static final Period MONTH = Period.parse("2033-05");
    static final Instant FROM = Instant.parse("2033-01-01T00:00:00Z");
    static final Rates RATES = Rates.simple(new BigDecimal("2"), new BigDecimal("1"), new BigDecimal("2.5"),
            new BigDecimal("8"));

    @Inject
    UsageBatches batches;
    @Inject
    PricingCopyService pricing;
    @Inject
    ReconciliationRuns runs;

    @Test
    void eachSeededCauseLandsInItsBucket() throws Exception {
        for (String model : List.of("m-a", "m-b", "m-c", "m-d")) {
            pricing.record(MonthFixtures.price(PROVIDER, model, "standard", RATES, FROM));
            pricing.record(MonthFixtures.price(PROVIDER, model, "batch", RATES.scaled(new BigDecimal("0.5")), FROM));
        }
        // m-a: billed 10% above its trace-derived cost; m-b: traced real time, billed as batch; m-c: traced, not
        // billed; m-d: billed at the right price for 1,000,000 output tokens the traces do not have (the usage export
        // counts them); m-e: billed, never traced; a credit and an adjustment; a line without a model
        Random random = new Random(13);
        List<TraceRecordedV1> traces = new ArrayList<>();
        Map<String, Map<LocalDate, BigDecimal>> tracedByModelDay = new TreeMap<>();
        long[] dTokens = new long[4];
        for (int i = 0; i < 1200; i++) {
            String model = List.of("m-a", "m-b", "m-c", "m-d").get(i % 4);
            Instant at = MONTH.start().plusSeconds(random.nextLong(31L * 86_400 - 60));
            long input = 100 + random.nextInt(4000);
            long read = random.nextInt(3) == 0 ? random.nextLong(input / 2) : 0;
            long write = random.nextInt(5) == 0 ? random.nextLong((input - read) / 2) : 0;
            long output = random.nextInt(900);
            String reported = model.equals("m-a") && i % 3 == 0 ? "m-a-2033-01-01" : model; // a dated alias
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:bucketco:" + i,
                    new CanonicalTrace("bucketco-" + i, null, null, "buckets-unit-" + i, null, "first_attempt", "w-bucket",
                            "t-bucket", null, PROVIDER, reported, "standard", null, null, ACCOUNT, null, null, at, input,
                            read, write, output, 0L, 300L, 900L, null, null, null, null)));
            BigDecimal cost = RATES.cost(new Rates.Usage(input, read, write, output, 0));
            tracedByModelDay.computeIfAbsent(model, m -> new TreeMap<>())
                    .merge(LocalDate.ofInstant(at, ZoneOffset.UTC), cost, BigDecimal::add);
            if (model.equals("m-d")) {
                dTokens[0] += input - read - write;
                dTokens[1] += read;
                dTokens[2] += write;
                dTokens[3] += output;
            }
        }
        for (int i = 0; i < traces.size(); i += 100) {
            batches.traces(MonthFixtures.records(traces.subList(i, Math.min(traces.size(), i + 100))));
        }

        StringBuilder bill = new StringBuilder("charge_start,category,model,service_tier,amount,description\n");
        tracedByModelDay.get("m-a").forEach((day, cost) -> bill.append(day).append(",usage,m-a,standard,")
                .append(cost.multiply(new BigDecimal("1.1")).toPlainString()).append(",\n"));
        tracedByModelDay.get("m-b").forEach((day, cost) -> bill.append(day).append(",usage,m-b,batch,")
                .append(cost.multiply(new BigDecimal("0.5")).toPlainString()).append(",\n"));
        tracedByModelDay.get("m-d").forEach((day, cost) -> bill.append(day).append(",usage,m-d,standard,")
                .append(cost.toPlainString()).append(",\n"));
        bill.append("2033-05-31,usage,m-d,standard,8.00,the extra million output tokens\n");
        bill.append("2033-05-20,usage,m-e,standard,7.50,an unknown integration\n");
        bill.append("2033-05-31,credit,,,-5.00,service credit\n");
        bill.append("2033-05-31,adjustment,,,1.25,rounding adjustment\n");
        bill.append("2033-05-31,usage,,,3.00,support plan\n");

        String first = bill.toString().replace("2033-05-31,credit,,,-5.00,service credit\n", "");
        int firstLines = post(first, "csv").then().statusCode(201).extract().path("lines");
        InvoiceService.ImportResult corrected = post(bill.toString(), "csv").then().statusCode(201).extract()
                .as(InvoiceService.ImportResult.class);
        assertEquals(firstLines, corrected.supersededLines(), "the corrected bill supersedes every line of the first");
        InvoiceService.ImportResult again = post(bill.toString(), "csv").then().statusCode(200).extract()
                .as(InvoiceService.ImportResult.class);
        assertEquals(corrected.importId(), again.importId(), "the same file twice is one import");
        String usage = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":"
                + MONTH.start().getEpochSecond() + ",\"end_time\":" + MONTH.end().getEpochSecond()
                + ",\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":"
                + (dTokens[0] + dTokens[1] + dTokens[2]) + ",\"input_cached_tokens\":" + dTokens[1]
                + ",\"input_cache_write_tokens\":" + dTokens[2] + ",\"output_tokens\":" + (dTokens[3] + 1_000_000)
                + ",\"num_model_requests\":300,\"model\":\"m-d\",\"batch\":false}]}],\"has_more\":false}";
        post(usage, "openai-usage").then().statusCode(201);

        ReconciliationRuns.RunView run = runs.start(MONTH);
        assertEquals("completed", run.status(), run.error());
        ReconciliationCompletedV1 completed = MonthFixtures.reconciliation(run.runId());
        AccountReconciliation account = completed.accounts().stream()
                .filter(a -> a.provider().equals(PROVIDER)).findFirst().orElseThrow();

        BigDecimal tracedA = sum(tracedByModelDay.get("m-a"));
        BigDecimal tracedB = sum(tracedByModelDay.get("m-b"));
        BigDecimal tracedC = sum(tracedByModelDay.get("m-c"));
        BigDecimal tracedD = sum(tracedByModelDay.get("m-d"));
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put("pricing_snapshot_mismatch", tracedA.multiply(new BigDecimal("0.1")));
        expected.put("batch_vs_realtime", tracedB.multiply(new BigDecimal("-0.5")));
        expected.put("trace_usage_without_provider_export", tracedC.negate());
        expected.put("token_count_discrepancy", new BigDecimal("8.00"));
        expected.put("provider_usage_without_trace", new BigDecimal("7.50"));
        expected.put("credit_or_commit_adjustment", new BigDecimal("-3.75"));
        expected.put("missing_provider_request_id", BigDecimal.ZERO);
        expected.put("timezone_period_mismatch", BigDecimal.ZERO);
        Map<String, BigDecimal> actual = new TreeMap<>();
        account.buckets().forEach(b -> actual.put(b.bucket(), b.amount()));
        expected.forEach((bucket, amount) -> assertEquals(0, Money.of(amount).compareTo(actual.get(bucket)),
                bucket + ": expected " + Money.of(amount) + ", was " + actual.get(bucket) + " in " + actual));
        // the line without a model, and the buckets' rounding to the micro-dollar (at most half of one each)
        assertTrue(new BigDecimal("3.00").subtract(account.unexplained()).abs().compareTo(new BigDecimal("0.000004")) <= 0,
                "the line without a model: " + account.unexplained() + ", delta " + account.delta());

        BigDecimal traced = tracedA.add(tracedB).add(tracedC).add(tracedD);
        assertEquals(0, Money.of(traced).compareTo(account.traceDerivedCost()));
        BigDecimal sum = account.buckets().stream().map(DeltaBucket::amount).reduce(account.unexplained(),
                BigDecimal::add);
        assertEquals(0, account.delta().compareTo(sum), "buckets and remainder add up to the delta");
        BigDecimal weeks = account.weekly().stream().map(ReconciliationCompletedV1.WeekDelta::delta)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(account.delta().subtract(weeks).abs().compareTo(new BigDecimal("0.000004")) <= 0,
                "the weeks (each rounded to the micro-dollar) add up to the delta: " + weeks);
        assertEquals(6, account.weekly().size(), "May 2033 (Sunday 1st to Tuesday 31st) touches six weeks: " + account.weekly());
        assertEquals(0, account.deltaPctOfTrace().compareTo(account.delta().multiply(BigDecimal.valueOf(100))
                .divide(account.traceDerivedCost(), 4, java.math.RoundingMode.HALF_UP)));
        DeltaBucket batch = account.buckets().stream().filter(b -> b.bucket().equals("batch_vs_realtime"))
                .findFirst().orElseThrow();
        assertEquals(2, batch.evidence().size(), "m-b billed as batch, traced as real time: " + batch.evidence());
        assertTrue(account.buckets().stream().filter(b -> b.bucket().equals("pricing_snapshot_mismatch"))
                .flatMap(b -> b.evidence().stream()).allMatch(e -> e.model().equals("m-a")),
                "the dated alias m-a-2033-01-01 resolves to m-a on both sides");
    }

    /**
     * A provider that prices and bills in euros: the prices in force convert at the rate of each call's day, the bill
     * lines at the rate of theirs (the rate changes mid-month), and a line in a currency without a rate stays out of
     * the total.
     */
    @Test
    void aMonthPricedAndBilledInEurosIsConvertedAtEachDaysRate() {
        String provider = "eurco";
        Period july = Period.parse("2033-07");
        Rates eur = Rates.simple(new BigDecimal("2.5"), new BigDecimal("1.25"), new BigDecimal("3"),
                new BigDecimal("10"));
        pricing.record(MonthFixtures.price(provider, "m-eur", "standard", eur, FROM, "EUR"));
        given().contentType("application/json").body(Map.of("usd_per_unit", new BigDecimal("1.10")))
                .put("/api/exchange-rates/EUR/2033-07-01").then().statusCode(200);
        given().contentType("application/json").body(Map.of("usd_per_unit", new BigDecimal("1.20")))
                .put("/api/exchange-rates/eur/2033-07-16").then().statusCode(200);
        given().contentType("application/json").body(Map.of("usd_per_unit", new BigDecimal("-1")))
                .put("/api/exchange-rates/EUR/2033-07-20").then().statusCode(400);

        Random random = new Random(7);
        List<TraceRecordedV1> traces = new ArrayList<>();
        Map<LocalDate, BigDecimal> eurByDay = new TreeMap<>();
        BigDecimal usd = BigDecimal.ZERO;
        for (int i = 0; i < 600; i++) {
            Instant at = july.start().plusSeconds(random.nextLong(31L * 86_400 - 60));
            long input = 100 + random.nextInt(3000);
            long output = random.nextInt(700);
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:eurco:" + i,
                    new CanonicalTrace("eurco-" + i, null, null, "eurco-unit-" + i, null, "first_attempt", "w-eur",
                            "t-eur", null, provider, "m-eur", "standard", null, null, "proj-eur", null, null, at, input,
                            0L, 0L, output, 0L, 300L, 900L, null, null, null, null)));
            BigDecimal cost = eur.cost(new Rates.Usage(input, 0, 0, output, 0));
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            eurByDay.merge(day, cost, BigDecimal::add);
            usd = usd.add(cost.multiply(day.getDayOfMonth() >= 16 ? new BigDecimal("1.20") : new BigDecimal("1.10")));
        }
        batches.traces(MonthFixtures.records(traces));
        StringBuilder bill = new StringBuilder("charge_start,category,model,amount,currency\n");
        eurByDay.forEach((day, cost) -> bill.append(day).append(",usage,m-eur,").append(cost.toPlainString())
                .append(",EUR\n"));
        bill.append("2033-07-20,usage,m-eur,99.00,GBP\n");
        given().contentType("text/csv").body(bill.toString()).queryParam("format", "csv")
                .queryParam("provider", provider).queryParam("billing_account", "proj-eur")
                .post("/api/invoices/imports").then().statusCode(201);

        ReconciliationRuns.RunView run = runs.start(july);
        assertEquals("completed", run.status(), run.error());
        AccountReconciliation account = MonthFixtures.reconciliation(run.runId()).accounts().stream()
                .filter(a -> a.provider().equals(provider)).findFirst().orElseThrow();
        assertEquals(0, Money.of(usd).compareTo(account.traceDerivedCost()), "priced in EUR, converted by day");
        assertEquals(0, Money.of(usd).compareTo(account.invoiceTotal()), "billed in EUR, converted by day; no GBP");
        assertEquals(0, BigDecimal.ZERO.compareTo(account.delta()));
    }

    /**
     * An account billed in Los Angeles time: its September invoice covers 07:00 UTC on the 1st to 07:00 UTC on
     * October 1st. The hours the window and the reporting month do not share are the timezone bucket, and the models
     * are compared over the window, so nothing is left unexplained.
     */
    @Test
    void anAccountBilledInAnotherTimeZoneHasItsShiftInTheTimezoneBucket() {
        String provider = "laco";
        Period september = Period.parse("2033-09");
        Instant windowStart = Instant.parse("2033-09-01T07:00:00Z");
        Instant windowEnd = Instant.parse("2033-10-01T07:00:00Z");
        pricing.record(MonthFixtures.price(provider, "m-la", "standard", RATES, FROM));
        pricing.record(new ProviderContractV1(UUID.randomUUID(), FROM, 1, "test", UUID.randomUUID(), provider, "proj-la",
                "LA agreement", "USD", "America/Los_Angeles", 1, FROM, null, null, null, null, null, List.of(),
                List.of(), null));
        Random random = new Random(9);
        List<TraceRecordedV1> traces = new ArrayList<>();
        Map<LocalDate, BigDecimal> windowByDay = new TreeMap<>();
        BigDecimal month = BigDecimal.ZERO;
        BigDecimal window = BigDecimal.ZERO;
        Instant from = Instant.parse("2033-08-31T12:00:00Z");
        for (int i = 0; i < 900; i++) {
            Instant at = from.plusSeconds(random.nextLong(31L * 86_400));
            long input = 100 + random.nextInt(3000);
            long output = random.nextInt(700);
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", "req:laco:" + i,
                    new CanonicalTrace("laco-" + i, null, null, "laco-unit-" + i, null, "first_attempt", "w-la",
                            "t-la", null, provider, "m-la", "standard", null, null, "proj-la", null, null, at, input,
                            0L, 0L, output, 0L, 300L, 900L, null, null, null, null)));
            BigDecimal cost = RATES.cost(new Rates.Usage(input, 0, 0, output, 0));
            if (!at.isBefore(september.start()) && at.isBefore(september.end())) {
                month = month.add(cost);
            }
            if (!at.isBefore(windowStart) && at.isBefore(windowEnd)) {
                window = window.add(cost);
                windowByDay.merge(LocalDate.ofInstant(at, ZoneOffset.UTC), cost, BigDecimal::add);
            }
        }
        batches.traces(MonthFixtures.records(traces));
        StringBuilder bill = new StringBuilder("charge_start,category,model,amount,period\n");
        windowByDay.forEach((day, cost) -> bill.append(day).append(",usage,m-la,").append(cost.toPlainString())
                .append(",2033-09\n"));
        given().contentType("text/csv").body(bill.toString()).queryParam("format", "csv")
                .queryParam("provider", provider).queryParam("billing_account", "proj-la")
                .post("/api/invoices/imports").then().statusCode(201);

        ReconciliationRuns.RunView run = runs.start(september);
        assertEquals("completed", run.status(), run.error());
        AccountReconciliation account = MonthFixtures.reconciliation(run.runId()).accounts().stream()
                .filter(a -> a.provider().equals(provider)).findFirst().orElseThrow();
        assertEquals(0, Money.of(month).compareTo(account.traceDerivedCost()), "the reporting month, UTC");
        assertEquals(0, Money.of(window.subtract(month)).compareTo(account.delta()));
        Map<String, BigDecimal> buckets = new TreeMap<>();
        account.buckets().forEach(b -> buckets.put(b.bucket(), b.amount()));
        assertEquals(0, Money.of(window.subtract(month)).compareTo(buckets.get("timezone_period_mismatch")),
                buckets.toString());
        assertTrue(account.unexplained().abs().compareTo(new BigDecimal("0.00001")) <= 0,
                "compared over the billing window, nothing is left: " + account.unexplained() + " " + buckets);
        assertTrue(account.buckets().stream().filter(b -> b.bucket().equals("timezone_period_mismatch"))
                .flatMap(b -> b.evidence().stream()).anyMatch(e -> e.note().contains("America/Los_Angeles")));
    }

    @Test
    void aBadFileIsRefusedNamingLineAndColumnAndStoresNothing() {
        String bad = "charge_start,category,amount,provider\n2033-06-01,usage,1.00,x\n2033-06-02,usage,1,0O,x\n";
        given().contentType("text/csv").body(bad).queryParam("format", "csv").post("/api/invoices/imports").then()
                .statusCode(400).body("line", org.hamcrest.Matchers.equalTo("line 3"));
        String wrongNumber = "charge_start,category,amount,provider\n2033-06-01,usage,1.00,x\n2033-06-02,usage,l.5,x\n";
        given().contentType("text/csv").body(wrongNumber).queryParam("format", "csv").post("/api/invoices/imports")
                .then().statusCode(400).body("line", org.hamcrest.Matchers.equalTo("line 3"))
                .body("column", org.hamcrest.Matchers.equalTo("amount"));
        // refused in one transaction: the good first line was not kept either; the fixed file is new
        String fixed = wrongNumber.replace("l.5", "1.5");
        given().contentType("text/csv").body(fixed).queryParam("format", "csv").post("/api/invoices/imports").then()
                .statusCode(201).body("lines", org.hamcrest.Matchers.equalTo(2));
        String id = given().contentType("text/csv").body(fixed).queryParam("format", "csv")
                .post("/api/invoices/imports").then().statusCode(200).extract().path("import_id");
        assertEquals(fixed, given().get("/api/invoices/imports/" + id + "/original").then().statusCode(200)
                .extract().asString(), "the original is kept as it came");
    }

    /**
     * A bill that names the request each line bills, matched to the traces request by request. Model r-a: twelve
     * calls captured no provider request id, and the bill has three requests more than the traces name: with ids
     * missing, those cannot be told from the twelve (missing_provider_request_id, their difference). Model r-b: every
     * call has its id; two billed requests no trace names, four traced requests the bill does not name, one request
     * billed 0.20 above its price.
     */
    @Test
    void aRequestLevelBillIsMatchedRequestByRequest() {
        String provider = "reqco";
        String account = "proj-r";
        Period month = Period.parse("2033-10");
        for (String model : List.of("r-a", "r-b")) {
            pricing.record(MonthFixtures.price(provider, model, "standard", RATES, FROM));
        }
        Random random = new Random(17);
        List<TraceRecordedV1> traces = new ArrayList<>();
        StringBuilder bill = new StringBuilder("charge_start,category,model,service_tier,request_id,amount\n");
        BigDecimal unbilled = BigDecimal.ZERO;
        for (int i = 0; i < 262; i++) {
            String model = i < 162 ? "r-a" : "r-b";
            boolean withoutId = i < 12;
            Instant at = month.start().plusSeconds(random.nextLong(31L * 86_400 - 60));
            long input = 100 + random.nextInt(5000);
            long output = random.nextInt(1200);
            String id = withoutId ? null : "reqco-" + i;
            traces.add(new TraceRecordedV1(UUID.randomUUID(), at, 1, "test", withoutId ? "hash:reqco-" + i : "req:reqco:" + i,
                    new CanonicalTrace(id, null, null, "reqco-unit-" + i, null, "first_attempt", "w-req", "t-req", null,
                            provider, model, "standard", null, null, account, null, null, at, input, 0L, 0L, output,
                            0L, 300L, 900L, null, null, null, null)));
            BigDecimal cost = RATES.cost(new Rates.Usage(input, 0, 0, output, 0));
            if (model.equals("r-b") && i % 25 == 0) { // four traced requests the bill leaves out
                unbilled = unbilled.add(cost);
                continue;
            }
            BigDecimal billed = i == 201 ? cost.add(new BigDecimal("0.20")) : cost;
            bill.append(at).append(",usage,").append(model).append(",standard,")
                    .append(withoutId ? "prov-" + i : id).append(',').append(billed.toPlainString()).append('\n');
        }
        for (int k = 0; k < 3; k++) {
            bill.append("2033-10-0").append(k + 2).append("T10:00:00Z,usage,r-a,standard,prov-extra-").append(k)
                    .append(",0.50\n");
        }
        for (int k = 0; k < 2; k++) {
            bill.append("2033-10-1").append(k + 2).append("T10:00:00Z,usage,r-b,standard,prov-stray-").append(k)
                    .append(",0.75\n");
        }
        batches.traces(MonthFixtures.records(traces));
        given().contentType("text/csv").body(bill.toString()).queryParam("format", "csv").queryParam("provider", provider)
                .queryParam("billing_account", account).post("/api/invoices/imports").then().statusCode(201);

        ReconciliationRuns.RunView run = runs.start(month);
        assertEquals("completed", run.status(), run.error());
        AccountReconciliation reconciled = MonthFixtures.reconciliation(run.runId()).accounts().stream()
                .filter(a -> a.provider().equals(provider)).findFirst().orElseThrow();
        Map<String, BigDecimal> expected = new TreeMap<>();
        expected.put("missing_provider_request_id", new BigDecimal("1.50"));
        expected.put("provider_usage_without_trace", new BigDecimal("1.50"));
        expected.put("trace_usage_without_provider_export", unbilled.negate());
        expected.put("pricing_snapshot_mismatch", new BigDecimal("0.20"));
        Map<String, BigDecimal> actual = new TreeMap<>();
        reconciled.buckets().forEach(b -> actual.put(b.bucket(), b.amount()));
        expected.forEach((bucket, amount) -> assertEquals(0, Money.of(amount).compareTo(actual.get(bucket)),
                bucket + ": expected " + Money.of(amount) + ", was " + actual.get(bucket) + " in " + reconciled.buckets()));
        assertTrue(reconciled.unexplained().abs().compareTo(new BigDecimal("0.00001")) <= 0,
                "every request explained: " + reconciled.unexplained());
        DeltaBucket missing = reconciled.buckets().stream()
                .filter(b -> b.bucket().equals("missing_provider_request_id")).findFirst().orElseThrow();
        assertTrue(missing.evidence().get(0).note().startsWith("12 traced calls captured no provider request id; 15"
                + " billed requests match no trace"), missing.evidence().toString());
        DeltaBucket stray = reconciled.buckets().stream()
                .filter(b -> b.bucket().equals("provider_usage_without_trace")).findFirst().orElseThrow();
        assertTrue(stray.evidence().get(0).note().contains("prov-stray-"), stray.evidence().toString());
    }

    private static io.restassured.response.Response post(String body, String format) {
        return given().contentType(format.equals("csv") ? "text/csv" : "application/json").body(body)
                .queryParam("format", format).queryParam("provider", PROVIDER).queryParam("billing_account", ACCOUNT)
                .post("/api/invoices/imports");
    }

    private static BigDecimal sum(Map<LocalDate, BigDecimal> byDay) {
        return byDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
