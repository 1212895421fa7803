package io.lcpr.reconcile.access;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** AccessTest's checks against the packaged application. */
@QuarkusIntegrationTest
class AccessIT extends AccessTest {
}
