package io.lcpr.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.demo.DenominatorDay;
import io.lcpr.demo.ReviewMonths;
import io.lcpr.infra.HeadlessChromium;
import io.lcpr.events.EventJson;
import io.lcpr.infra.Await;
import io.lcpr.demo.TwelveRequestTrace;

/**
 * End to end: PostgreSQL, Kafka and the five packaged services as separate processes; the test talks to them
 * only over HTTP (and they to each other only over Kafka). Expected figures are computed here from the articles.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SuiteIT {
    static Suite suite;

    @BeforeAll
    static void start() {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path work = Path.of("target", "suite-it-" + ProcessHandle.current().pid()).toAbsolutePath();
        Map<String, String> env = new HashMap<>(System.getenv());
        suite = Suite.start(root, work, env, true);
        new DemoMonth(suite).load(System.out::println);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    static JsonNode lcpr(String period, String workload) {
        return suite.graphql("{ lcpr(period: \"" + period + "\", workload: \"" + workload
                + "\") { inferenceCost evalCost loadedCost lcpr naiveCostPerUnit attemptedUnits acceptedUnits"
                + " firstAttemptPass recovered escalated unrecovered calls { attemptKind calls } } }").get("lcpr");
    }

    /** The demo's review pack (001 ch 26) names the driver each workload's April was built with, as JSON and page. */
    @Test
    void theReviewPackOfTheDemoMonthNamesEachWorkloadsDriver() {
        String url = suite.url("reconcile-service") + "/api/reviews/" + DemoMonth.MONTH;
        JsonNode pack = Http.get(url).expect(200).json();
        Map<String, String> drivers = new HashMap<>();
        pack.get("lcpr").forEach(l -> drivers.put(l.get("workload").asText(), l.get("primary").asText()));
        ReviewMonths.BUILT_DRIVER.forEach((w, driver) -> assertEquals(driver, drivers.get(w), w));
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            var browser = chromium.sending("Authorization", LocalCredentials.adminBearer()).load(url + "/pack.html");
            for (var row : browser.findElements(org.openqa.selenium.By.cssSelector("#lcpr tr"))) {
                String w = row.getText().split(" ")[0];
                if (ReviewMonths.BUILT_DRIVER.containsKey(w)) {
                    assertEquals(ReviewMonths.BUILT_DRIVER.get(w), row.findElement(org.openqa.selenium.By
                            .className("driver")).getText(), w);
                }
            }
            assertEquals(java.util.List.of(), chromium.errors(), "no script error");
        }
        // the team's chargeback report holds April against the forecast kept in March (reconcile owns forecasts)
        JsonNode report = Http.get(suite.url("chargeback-service") + "/api/chargeback/periods/" + DemoMonth.MONTH
                + "/report?team=" + ReviewMonths.TEAM.get(ReviewMonths.RAG)).expect(200).json();
        JsonNode forecast = report.get("forecast");
        assertEquals("demo-april", forecast.path("scenario").asText(), forecast.toString());
        assertEquals(ReviewMonths.RAG, forecast.get("workloads").get(0).get("workload").asText());
    }

    /**
     * GraphQL clients no one here wrote (the npm packages graphql-request and graphql-ws under Node) run every example
     * of graphql-api's README and a subscription that receives an incident declared while it listens.
     */
    @Test
    void graphqlClientsNobodyHereWroteRunTheReadmeAndASubscription() throws Exception {
        Path node = Path.of("src/test/node").toAbsolutePath();
        Path readme = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize()
                .resolve("graphql-api/README.md");
        Programs.npmInstalled(node);
        JsonNode out = EventJson.read(Programs.succeed(node, Map.of("LCPR_TOKEN", suite.issuer().finance()), "node",
                "clients.mjs", suite.graphqlEndpoint(), readme.toString()), JsonNode.class);
        long examples = java.util.regex.Pattern.compile("```graphql\n").matcher(java.nio.file.Files.readString(readme))
                .results().count();
        assertEquals(examples, out.get("examples").size(), "every README example ran");
        JsonNode modes = out.get("examples").get(0).get("data").get("compareAllocationModes");
        org.junit.jupiter.api.Assertions.assertTrue(modes.size() > 0, "April's statements under every mode");
        org.junit.jupiter.api.Assertions.assertTrue(out.get("subscription").get("name").asText()
                .startsWith("node client incident"), out.get("subscription").toString());
    }

    /**
     * The monthly CronJob's command, as the manifest has it, with sh and curl: without a good client secret it gets no
     * token and changes nothing; with one it reconciles and closes the previous month as finance. Retried as the
     * Job's backoff would while the run's allocation travels to chargeback-service; a retry after the close answers
     * the same close.
     */
    @Test
    void theMonthlyJobClosesThePreviousMonthAsAClientOfTheIssuer() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "../..")).toAbsolutePath().normalize();
        Path manifest = root.resolve("deploy/kubernetes/monthly-reconciliation.yaml");
        Path tmp = java.nio.file.Files.createTempDirectory("monthly-job");
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(1).toString(); // as the services say
        try (MonthlyJob job = new MonthlyJob(() -> suite.issuer().finance())) {
            MonthlyJob.Run refused = job.run(manifest, suite, "wrong", tmp);
            org.junit.jupiter.api.Assertions.assertNotEquals(0, refused.exit(), refused.output());
            assertEquals(404, Http.get(suite.url("chargeback-service") + "/api/chargeback/periods/" + month
                    + "/close").status(), "nothing closed without a token");
            MonthlyJob.Run run = null;
            for (int attempt = 0; attempt < 6 && (run == null || run.exit() != 0); attempt++) {
                Thread.sleep(attempt == 0 ? 0 : 3000);
                run = job.run(manifest, suite, MonthlyJob.CLIENT_SECRET, tmp);
            }
            assertEquals(0, run.exit(), run.output());
            JsonNode closed = Http.get(suite.url("chargeback-service") + "/api/chargeback/periods/" + month
                    + "/close").expect(200).json();
            assertEquals("monthly-reconciliation cronjob", closed.get("by").asText(), closed.toString());
            MonthlyJob.Run again = job.run(manifest, suite, MonthlyJob.CLIENT_SECRET, tmp);
            assertEquals(0, again.exit(), again.output());
            assertEquals(closed.get("version").asInt(), Http.get(suite.url("chargeback-service")
                    + "/api/chargeback/periods/" + month + "/close").expect(200).json().get("version").asInt());
        }
    }

    /**
     * Hostile and malformed input at every surface (HostileInput: jqwik arbitraries, a fixed seed, the cases per
     * surface printed): every answer a 2xx or a 4xx saying why, every batch answer counting each record once, and
     * every service ready afterwards. Ordered last: what it stores is its own, but it stores it.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
    void hostileInputIsAnsweredNeverWithA5xx() {
        List<HostileInput.Outcome> outcomes = HostileInput.run(suite);
        System.out.printf("hostile input, seed %d:%n", HostileInput.SEED);
        List<String> broken = new java.util.ArrayList<>();
        for (HostileInput.Outcome o : outcomes) {
            System.out.printf("  %-36s %4d cases  answers %s%n", o.surface(),
                    o.statuses().values().stream().mapToInt(Integer::intValue).sum(), o.statuses());
            o.broken().forEach(b -> broken.add(o.surface() + ": " + b));
        }
        for (Suite.ServiceSpec s : Suite.SERVICES) {
            assertEquals(200, Http.sendAs(java.net.http.HttpRequest.newBuilder(java.net.URI.create(suite.url(
                    s.module()) + "/q/health/ready")).GET(), null).status(), s.module() + " ready afterwards");
        }
        assertEquals(List.of(), broken);
    }

    /**
     * The short chaos run (Chaos: the full one is ./suite.sh chaos): 50,000 traces and their verdicts streamed and the
     * month reconciled every 5 s while each service is killed with SIGKILL and started again and the broker is
     * restarted; every trace and verdict stored and folded once, the month's cost and accepted units equal to the
     * harness's own, one statement per team, only the unreadable records it wrote dead-lettered. Ordered after
     * everything else: it kills what the other tests use.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void nothingLostNothingCountedTwiceThroughAKillOfEachServiceAndABrokerRestart() throws Exception {
        Chaos.Report r = Chaos.run(suite, 50_000, Chaos.shortFaults(), System.out);
        assertEquals(0, r.lost(), "lost");
        assertEquals(0, r.duplicates(), "counted twice");
        assertEquals(r.sent(), r.stored(), "stored in ingest-service");
        assertEquals(r.sent(), r.folded(), "folded in reconcile-service");
        assertEquals(r.inputTokensSent(), r.inputTokensStored(), "input tokens");
        assertEquals(r.expectedCost(), r.inferenceCost(), "the month's inference cost");
        assertEquals(r.verdictsSent(), r.verdictsStored(), "verdicts stored in ingest-service");
        assertEquals(r.verdictsSent(), r.verdictsFolded(), "verdicts folded in reconcile-service");
        assertEquals(r.expectedAccepted(), r.acceptedUnits(), "accepted units");
        assertEquals(Map.of(Chaos.TEAM, 1), r.statements(), "one statement per team");
        assertEquals(r.poisonSent(), r.poisonDeadLettered(), "the unreadable records, dead-lettered");
        assertEquals(0, r.otherDeadLetters(), "nothing else dead-lettered");
        assertTrue(r.runsDuringFaults() > 0, "reconciliations completed while the faults struck");
        assertEquals(Chaos.shortFaults().size(), r.recoveries().size());
    }

    /** The packaged services in the prod profile ask every /api caller for a token, and for the right role. */
    @Test
    void theServicesAskForATokenAndTheRightRole() {
        Map<String, String> reads = Map.of("ingest-service", "/api/traces/backlog?period=" + DemoMonth.MONTH,
                "pricing-service", "/api/pricing/aliases", "reconcile-service", "/api/budgets",
                "chargeback-service", "/api/teams");
        reads.forEach((service, path) -> {
            java.net.URI uri = java.net.URI.create(suite.url(service) + path);
            assertEquals(401, Http.sendAs(java.net.http.HttpRequest.newBuilder(uri).GET(), null).status(), service);
            assertEquals(403, Http.sendAs(java.net.http.HttpRequest.newBuilder(uri).GET(),
                    LocalCredentials.senderBearer()).status(), service);
            assertEquals(200, Http.get(uri.toString()).status(), service);
        });
    }

    /** Mutations go to the owning services; their refusals come back with a code a client can act on. */
    @Test
    void mutationsAreForwardedToTheirOwners() {
        JsonNode declared = suite.graphql("mutation { declareIncident(incident: {"
                + " name: \"demo parser regression\", category: \"model_behavior_change\", workloads: [\""
                + ReviewMonths.CODING + "\"], startedAt: \"2026-04-12T09:00:00Z\", mitigatedAt:"
                + " \"2026-04-12T15:00:00Z\", engineeringHours: 12, engineeringRatePerHour: 100 }) { id name totalCost"
                + " engineeringCost } }").get("declareIncident");
        assertEquals("demo parser regression", declared.get("name").asText());
        assertEquals(0, new BigDecimal("1200").compareTo(declared.get("engineeringCost").decimalValue()));
        Await.until(Duration.ofSeconds(30), "the incident in the read model", () -> suite.graphql(
                "{ incidents(workload: \"" + ReviewMonths.CODING + "\") { edges { node {"
                        + " id } } } }").get("incidents").get("edges").findValuesAsText("id")
                .contains(declared.get("id").asText()));
        suite.graphql("mutation { setBudget(name: \"demo-coding\", scopeKind: \"workload\","
                + " scope: \"" + ReviewMonths.CODING + "\", period: \"monthly\", amount: 500) { name } }");
        Await.until(Duration.ofSeconds(30), "the budget in the read model", () -> suite.graphql(
                "{ budgets(scope: \"" + ReviewMonths.CODING + "\") { name } }")
                .get("budgets").size() == 1);
        JsonNode refused = Http.graphqlReply(suite.graphqlEndpoint(), suite.issuer().finance(), "mutation {"
                + " closePeriod(period: \"2019-01\", by: \"finance\") { version } }").expect(200).json()
                .get("errors").get(0);
        assertEquals("NOT_FOUND", refused.path("extensions").path("code").asText(), refused.toString());
        assertEquals("chargeback-service answered 404: no complete reconciliation run of 2019-01 has reached"
                + " chargeback-service", refused.path("message").asText());
        JsonNode invalid = Http.graphqlReply(suite.graphqlEndpoint(), suite.issuer().finance(), "mutation {"
                + " choosePolicy(period: \"2026-05\", mode: \"lottery\", chosenBy: \"x\") { mode } }").expect(200)
                .json().get("errors").get(0);
        assertEquals("BAD_USER_INPUT", invalid.path("extensions").path("code").asText(), invalid.toString());
    }

    /**
     * Two baselines of support-chat, the last week of March and of April, compared through GraphQL (reconcile-service
     * computes it): the longer answers of April show in the output length.
     */
    @Test
    void baselinesComparedThroughGraphql() {
        for (String month : List.of("2026-04", "2026-05")) {
            Http.postJson(suite.url("reconcile-service") + "/api/baselines", Map.of("name", "demo-support-" + month,
                    "workload", ReviewMonths.SUPPORT, "to", month + "-01T00:00:00Z", "hours", 168)).expect(200, 201);
        }
        String query = "{ compareBaseline(a: \"demo-support-2026-04\", b: \"demo-support-2026-05\") { drivenBy"
                + " lcprDelta a { workload lcpr } b { workload lcpr } components { name a b changePct } } }";
        JsonNode c = suite.graphql(query).get("compareBaseline");
        assertEquals(ReviewMonths.SUPPORT, c.get("a").get("workload").asText());
        JsonNode output = null;
        for (JsonNode component : c.get("components")) {
            if (component.get("name").asText().equals("output_length_p95")) {
                output = component;
            }
        }
        org.junit.jupiter.api.Assertions.assertNotNull(output, c.toString());
        org.junit.jupiter.api.Assertions.assertTrue(output.get("b").asDouble() > output.get("a").asDouble(),
                "April's answers are longer: " + output);
        JsonNode refused = Http.graphqlReply(suite.graphqlEndpoint(), suite.issuer().member("docs-ai"), query)
                .expect(200).json().get("errors").get(0);
        assertEquals("FORBIDDEN", refused.path("extensions").path("code").asText(), refused.toString());
    }

    /** The running suite asks for a token and keeps a team member to its own team. */
    @Test
    void graphqlAsksForATokenAndKeepsATeamMemberToItsTeam() {
        String query = "{ allocations(period: \"" + DemoMonth.MONTH + "\") { team amount } }";
        assertEquals(401, Http.graphqlReply(suite.graphqlEndpoint(), null, query).status());
        JsonNode own = Http.graphql(suite.graphqlEndpoint(), suite.issuer().member(DemoMonth.DEMO_TEAM), query);
        assertEquals(List.of(DemoMonth.DEMO_TEAM), own.get("allocations").findValuesAsText("team"));
        String other = ReviewMonths.TEAM.get(ReviewMonths.CODING);
        JsonNode refused = Http.graphqlReply(suite.graphqlEndpoint(), suite.issuer().member(DemoMonth.DEMO_TEAM),
                "{ chargebackReport(team: \"" + other + "\", period: \"" + DemoMonth.MONTH + "\") { team } }")
                .expect(200).json().get("errors").get(0);
        assertEquals("FORBIDDEN", refused.path("extensions").path("code").asText(), refused.toString());
    }

    @Test
    void twelveRequestTraceGivesEightAcceptedAndTheHandComputedCost() {
        JsonNode l = lcpr(DemoMonth.TRACE_DAY, TwelveRequestTrace.WORKLOAD);
        assertEquals(8, l.get("attemptedUnits").asInt());
        assertEquals(8, l.get("acceptedUnits").asInt());
        Map<String, Integer> calls = new HashMap<>();
        l.get("calls").forEach(c -> calls.put(c.get("attemptKind").asText(), c.get("calls").asInt()));
        assertEquals(Map.of("first_attempt", 8, "retry", 2, "repair", 1, "eval_grader", 1), calls);

        // by hand from the table: (input - cached) x $1.80 + cached x $0.90 + output x $8.00, per million tokens
        BigDecimal byHand = BigDecimal.ZERO;
        for (TwelveRequestTrace.Row r : TwelveRequestTrace.ROWS) {
            byHand = byHand.add(BigDecimal.valueOf(r.input() - r.cached()).multiply(new BigDecimal("1.80"))
                    .add(BigDecimal.valueOf(r.cached()).multiply(new BigDecimal("0.90")))
                    .add(BigDecimal.valueOf(r.output()).multiply(new BigDecimal("8.00"))));
        }
        byHand = byHand.movePointLeft(6);
        BigDecimal traceDerived = l.get("inferenceCost").decimalValue().add(l.get("evalCost").decimalValue());
        assertEquals(0, byHand.compareTo(traceDerived), "exact: " + byHand + " vs " + traceDerived);
        assertEquals(byHand.setScale(2, RoundingMode.HALF_UP), traceDerived.setScale(2, RoundingMode.HALF_UP));

        // the same cost, unit by unit: each work unit's call chain priced by graphql-api at the entry in force
        BigDecimal byUnit = BigDecimal.ZERO;
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (String unit : TwelveRequestTrace.traces().stream().map(t -> t.workUnitId()).distinct().toList()) {
            JsonNode w = suite.graphql("{ workUnit(id: \"" + unit + "\") { workload cost unpricedCalls accepted"
                    + " calls { position attemptKind cost pricedBy } } }").get("workUnit");
            assertEquals(TwelveRequestTrace.WORKLOAD, w.get("workload").asText());
            assertEquals(0, w.get("unpricedCalls").asInt(), w.toString());
            byUnit = byUnit.add(w.get("cost").decimalValue());
            w.get("calls").forEach(c -> kinds.add(c.get("attemptKind").asText()));
        }
        assertEquals(0, byHand.compareTo(byUnit), "work units: " + byUnit + " vs " + byHand);
        assertEquals(java.util.Set.of("first_attempt", "retry", "repair", "eval_grader"), kinds);
        JsonNode refused = Http.graphqlReply(suite.graphqlEndpoint(), suite.issuer().member("no-such-team"),
                "{ workUnit(id: \"" + TwelveRequestTrace.traces().get(0).workUnitId() + "\") { cost } }")
                .expect(200).json().get("errors").get(0);
        assertEquals("FORBIDDEN", refused.path("extensions").path("code").asText(), refused.toString());
    }

    @Test
    void denominatorDayLoadsTo14065AndLcpr0172() {
        JsonNode l = lcpr(DenominatorDay.DAY, DenominatorDay.WORKLOAD);
        assertEquals(new BigDecimal("140.65"), l.get("loadedCost").decimalValue().setScale(2, RoundingMode.HALF_UP));
        assertEquals(0, new BigDecimal("140.65").compareTo(l.get("loadedCost").decimalValue()), "to the cent, exactly");
        assertEquals(new BigDecimal("0.172"), l.get("lcpr").decimalValue().setScale(3, RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("0.014"), l.get("naiveCostPerUnit").decimalValue().setScale(3, RoundingMode.HALF_UP));
        assertEquals(1000, l.get("attemptedUnits").asInt());
        assertEquals(820, l.get("acceptedUnits").asInt());
        assertEquals(750, l.get("firstAttemptPass").asInt());
        assertEquals(70, l.get("recovered").asInt());
        assertEquals(50, l.get("escalated").asInt());
        assertEquals(130, l.get("unrecovered").asInt());
    }

    /**
     * The demo closes April (both days, reconciled as a month, every account billed and the run current): the teams'
     * allocations published on the close add up to the month's loaded cost as the run computed it.
     */
    @Test
    @org.junit.jupiter.api.Order(1)
    void chargebackAllocatesTheWholeLoadedCostOfTheClosedMonth() {
        JsonNode allocations = suite.graphql("{ allocations(period: \"" + DemoMonth.MONTH
                + "\", mode: \"proportional\") { team amount totalAllocated } }").get("allocations");
        BigDecimal sum = BigDecimal.ZERO;
        java.util.Set<String> teams = new java.util.TreeSet<>();
        for (JsonNode a : allocations) {
            sum = sum.add(a.get("amount").decimalValue());
            teams.add(a.get("team").asText());
        }
        JsonNode run = Http.postJson(suite.url("reconcile-service") + "/api/reconciliations", Map.of("period",
                DemoMonth.MONTH)).expect(200).json();
        BigDecimal month = BigDecimal.ZERO;
        for (JsonNode l : run.get("lcpr")) {
            month = month.add(l.get("loadedCost").decimalValue());
        }
        assertEquals(0, month.setScale(2, RoundingMode.HALF_EVEN).compareTo(sum), sum + " allocated of " + month);
        assertEquals(true, teams.contains(DenominatorDay.TEAM), teams.toString());
        JsonNode closed = Http.get(suite.url("chargeback-service") + "/api/chargeback/periods/" + DemoMonth.MONTH
                + "/close").expect(200).json();
        assertEquals("demo", closed.get("by").asText());
        assertEquals(0, closed.get("overridden").size(), "closed without overriding a control");
    }

    /**
     * After the close (ordered last: it changes the month): each team's statement is on Kafka once, read with a plain
     * consumer; closing again publishes nothing; a late trace of the month, a new run and a correction publish
     * corrections only, each naming the statement it replaces.
     */
    @Test
    @org.junit.jupiter.api.Order(2)
    void aClosedMonthIsCorrectedNeverEdited() throws Exception {
        String chargeback = suite.url("chargeback-service");
        var closed = allocationsOf(DemoMonth.MONTH, 1, Duration.ofSeconds(30));
        java.util.Set<String> teams = new java.util.TreeSet<>();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (var r : closed) {
            assertEquals(true, teams.add(r.key()), "one statement per team: " + r.key());
            ids.add(new String(r.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Http.postJson(chargeback + "/api/chargeback/periods/" + DemoMonth.MONTH + "/close", Map.of("by", "someone"))
                .expect(200);
        assertEquals(closed.size(), allocationsOf(DemoMonth.MONTH, closed.size() + 1, Duration.ofSeconds(5)).size(),
                "closing again publishes nothing");

        // a call of April that arrives late: the month's figures move
        ObjectNode late = (ObjectNode) EventJson.MAPPER.readTree(EventJson.write(DenominatorDay.traces().get(0)));
        late.put("request_id", "late-" + java.util.UUID.randomUUID()).put("work_unit_id", "late-unit")
                .put("started_at", "2026-04-20T10:00:00Z");
        long before = Http.get(suite.url("reconcile-service") + "/api/usage?period=" + DemoMonth.MONTH).expect(200)
                .json().get("calls").asLong();
        Http.post(suite.url("ingest-service") + "/api/traces", "application/x-ndjson", late.toString()).expect(200);
        Await.until(Duration.ofSeconds(60), "the late call folded", () -> Http.get(suite.url("reconcile-service")
                + "/api/usage?period=" + DemoMonth.MONTH).expect(200).json().get("calls").asLong() > before);
        String run = Http.postJson(suite.url("reconcile-service") + "/api/reconciliations", Map.of("period",
                DemoMonth.MONTH)).expect(201).json().get("runId").asText();
        Await.until(Duration.ofSeconds(60), "the new run in chargeback", () -> run.equals(Http.get(chargeback
                + "/api/chargeback/periods/" + DemoMonth.MONTH + "/modes").json().path("runId").asText()));
        JsonNode correction = Http.postJson(chargeback + "/api/chargeback/periods/" + DemoMonth.MONTH
                + "/corrections", Map.of("by", "finance", "reason", "a call of April arrived late")).expect(200)
                .json();
        assertEquals(2, correction.get("version").asInt());
        int corrected = correction.get("statements").size();
        assertEquals(true, corrected >= 1 && corrected <= teams.size(), corrected + " of " + teams);
        var corrections = allocationsOf(run, corrected, Duration.ofSeconds(30));
        assertEquals(corrected, corrections.size(), "corrections only");
        for (var r : corrections) {
            JsonNode e = EventJson.MAPPER.readTree(r.value());
            assertEquals(2, e.get("version").asInt());
            assertEquals(true, ids.contains(e.get("corrects").asText()), "names the statement it corrects");
        }
        // GraphQL reads each team's newest statement: every team, adding up to the corrected month
        BigDecimal month = BigDecimal.ZERO;
        for (JsonNode l : Http.get(suite.url("reconcile-service") + "/api/reconciliations/" + run).expect(200).json()
                .get("lcpr")) {
            month = month.add(l.get("loadedCost").decimalValue());
        }
        BigDecimal correctedMonth = month.setScale(2, RoundingMode.HALF_EVEN);
        Await.until(Duration.ofSeconds(60), "GraphQL's corrected month", () -> {
            JsonNode all = suite.graphql("{ allocations(period: \"" + DemoMonth.MONTH
                    + "\", mode: \"proportional\") { team amount } }").get("allocations");
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode a : all) {
                sum = sum.add(a.get("amount").decimalValue());
            }
            return all.size() == teams.size() && sum.compareTo(correctedMonth) == 0;
        });
    }

    /** chargeback.allocations.monthly.v1 records mentioning a month or run, read by a plain Kafka consumer. */
    private static java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> allocationsOf(
            String match, int atLeast, Duration wait) {
        return io.lcpr.infra.TopicReader.await(suite.bootstrapServers(), io.lcpr.events.Topics.ALLOCATIONS_MONTHLY,
                r -> r.value().contains("\"" + match + "\""), atLeast, wait);
    }
}
