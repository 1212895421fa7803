package io.lcpr.graphql.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.Topics;
import io.lcpr.infra.Await;
import io.lcpr.infra.LocalInfraProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * priceAt from the price entries pricing-service publishes: the entry in force at the instant (a later one from its
 * start, a correction in place of what it restates), an alias resolved, a batch tier at the standard price's
 * discount, nothing before the first entry; a work unit whose owner does not answer says so with a code.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class PricingGraphQLApiTest {
    static final String PROVIDER = "prov-" + Long.toString(System.nanoTime() % 1_000_000, 36);

    static ObjectNode entry(String from, long version, String input) throws Exception {
        ObjectNode e = OperationsGraphQLApiTest.golden(Topics.PRICING_SNAPSHOTS);
        e.put("provider", PROVIDER).put("effectiveFrom", from).put("versionOrder", version)
                .put("inputPerMillion", new java.math.BigDecimal(input))
                .put("occurredAt", java.time.Instant.parse(from).plusSeconds(version).toString());
        return e;
    }

    static String priceAt(String model, String tier, String at) {
        return "{ priceAt(provider: \"" + PROVIDER + "\", model: \"" + model + "\", tier: \"" + tier + "\", at: \""
                + at + "\") { resolvedModel resolvedBy basis effectiveFrom versionOrder inputPerMillion"
                + " outputPerMillion longContextThresholdTokens } }";
    }

    @Test
    void thePriceInForceAtAnInstant() throws Exception {
        OperationsGraphQLApiTest.send(Topics.PRICING_SNAPSHOTS, PROVIDER, entry("2031-04-01T00:00:00Z", 3, "1.80"));
        OperationsGraphQLApiTest.send(Topics.PRICING_SNAPSHOTS, PROVIDER, entry("2031-04-15T12:30:00Z", 4, "1.50"));
        // version 5 corrects the entry of April 1st: its price, from the same start
        OperationsGraphQLApiTest.send(Topics.PRICING_SNAPSHOTS, PROVIDER, entry("2031-04-01T00:00:00Z", 5, "1.70"));
        ObjectNode alias = OperationsGraphQLApiTest.golden(Topics.PRICING_ALIASES);
        alias.put("provider", PROVIDER);
        OperationsGraphQLApiTest.send(Topics.PRICING_ALIASES, PROVIDER, alias);
        Await.until(Duration.ofSeconds(30), "the corrected entry and the alias", () -> {
            var r = GraphQL.as(GraphQL.member("anyone"), priceAt("support-default", "standard",
                    "2031-04-10T00:00:00Z")).extract();
            return r.path("data.priceAt") != null && r.<Integer> path("data.priceAt.versionOrder") == 5;
        });
        GraphQL.as(GraphQL.member("anyone"), priceAt("gpt-4.1-mini", "standard", "2031-04-15T12:29:59Z"))
                .body("data.priceAt.inputPerMillion", equalTo(1.7f))
                .body("data.priceAt.basis", equalTo("listed"))
                .body("data.priceAt.longContextThresholdTokens", equalTo(200000));
        GraphQL.as(GraphQL.finance(), priceAt("gpt-4.1-mini", "standard", "2031-04-15T12:30:00Z"))
                .body("data.priceAt.inputPerMillion", equalTo(1.5f))
                .body("data.priceAt.effectiveFrom", equalTo("2031-04-15T12:30:00Z"));
        GraphQL.as(GraphQL.admin(), priceAt("support-default", "batch", "2031-04-20T00:00:00Z"))
                .body("data.priceAt.resolvedModel", equalTo("gpt-4.1-mini"))
                .body("data.priceAt.basis", equalTo("default_batch_discount"))
                .body("data.priceAt.inputPerMillion", equalTo(0.75f))
                .body("data.priceAt.outputPerMillion", equalTo(4.0f));
        GraphQL.as(GraphQL.admin(), priceAt("gpt-4.1-mini", "standard", "2031-03-31T23:59:59Z"))
                .body("data.priceAt", nullValue());
        GraphQL.reply(GraphQL.admin(), priceAt("gpt-4.1-mini", "standard", "April")).statusCode(200)
                .body("errors[0].message", equalTo("at: 'April' is not an ISO instant (2026-04-01T00:00:00Z)"));
        GraphQL.reply(null, priceAt("gpt-4.1-mini", "standard", "2031-04-20T00:00:00Z")).statusCode(401);
    }

    @Test
    void aWorkUnitWhoseOwnerDoesNotAnswerSaysSo() {
        GraphQL.reply(GraphQL.admin(), "{ workUnit(id: \"u-1\") { cost } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("OWNER_UNAVAILABLE"))
                .body("data.workUnit", nullValue());
    }
}
