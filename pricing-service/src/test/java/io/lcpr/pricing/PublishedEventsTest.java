package io.lcpr.pricing;

import static io.restassured.RestAssured.given;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lcpr.events.EventJson;
import io.lcpr.events.Goldens;
import io.lcpr.events.Topics;
import io.lcpr.infra.GoldenShape;
import io.lcpr.infra.LocalInfraProfile;
import io.lcpr.infra.LocalInfraTestResource;
import io.lcpr.infra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Producer side of pricing's four topics: each golden file's content, sent to the API as a client would, comes out
 * on its topic as the golden file says, figure for figure. Only what the service assigns (ids, times, version
 * order) and the names this test makes unique differ.
 */
@QuarkusTest
@TestProfile(LocalInfraProfile.class)
class PublishedEventsTest {
    private static final List<String> ASSIGNED = List.of("eventId", "occurredAt", "snapshotId", "versionId",
            "versionOrder", "contractId", "termId");

    /** A golden file's content sent to the endpoint that publishes it, and the field this test makes unique. */
    record Case(String topic, String method, String path, int status, String uniqueField) {
        @Override
        public String toString() {
            return topic;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(Topics.PRICING_SNAPSHOTS, "POST", "/api/pricing/snapshots", 201, "provider"),
                new Case(Topics.PRICING_ALIASES, "PUT", "/api/pricing/aliases", 200, "provider"),
                new Case(Topics.PRICING_CONTRACTS, "POST", "/api/pricing/contracts", 201, "provider"),
                new Case(Topics.PRICING_REVENUE_TERMS, "POST", "/api/pricing/revenue-terms", 201, "workload"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void publishedAsItsGoldenFile(Case c) throws Exception {
        String unique = c.uniqueField() + "-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode request = request(c.topic(), c.uniqueField(), unique);
        given().contentType("application/json").body(request.toString()).request(c.method(), c.path()).then()
                .statusCode(c.status());
        assertPublishedAsGolden(c.topic(), c.uniqueField(), unique);
    }

    /** The golden event's content as an API request: envelope and assigned ids left out, names in snake_case. */
    private static ObjectNode request(String topic, String uniqueField, String uniqueValue) throws Exception {
        ObjectNode golden = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(topic));
        golden.remove(List.of("schemaVersion", "producer"));
        golden.remove(ASSIGNED);
        golden.put(uniqueField, uniqueValue);
        return (ObjectNode) snakeCase(golden);
    }

    private static void assertPublishedAsGolden(String topic, String uniqueField, String uniqueValue)
            throws Exception {
        var records = TopicReader.await(LocalInfraTestResource.bootstrapServers(), topic,
                r -> r.value().contains(uniqueValue), 1, Duration.ofSeconds(30));
        String published = records.get(0).value();
        GoldenShape.assertSameShape(topic, published);
        ObjectNode actual = (ObjectNode) EventJson.MAPPER.readTree(published);
        ObjectNode expected = (ObjectNode) EventJson.MAPPER.readTree(Goldens.read(topic));
        actual.remove(ASSIGNED);
        expected.remove(ASSIGNED);
        expected.put(uniqueField, uniqueValue);
        GoldenShape.assertSameFigures(expected, actual, topic);
    }

    private static JsonNode snakeCase(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = EventJson.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(),
                        snakeCase(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = EventJson.MAPPER.createArrayNode();
            node.forEach(element -> out.add(snakeCase(element)));
            return out;
        }
        return node;
    }
}
