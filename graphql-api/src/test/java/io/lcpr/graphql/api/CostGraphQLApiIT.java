package io.lcpr.graphql.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** CostGraphQLApiTest's checks against the packaged application (quarkus-run.jar), started as its own process. */
@QuarkusIntegrationTest
class CostGraphQLApiIT extends CostGraphQLApiTest {
}
