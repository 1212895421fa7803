package io.lcpr.graphql.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** AccessGraphQLApiTest's checks against the packaged application: tokens verified as they would be in a release. */
@QuarkusIntegrationTest
class AccessGraphQLApiIT extends AccessGraphQLApiTest {
}
