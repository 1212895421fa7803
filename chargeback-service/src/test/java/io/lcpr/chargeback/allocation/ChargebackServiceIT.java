package io.lcpr.chargeback.allocation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** ChargebackServiceTest's checks against the packaged application (quarkus-run.jar), started as its own process. */
@QuarkusIntegrationTest
class ChargebackServiceIT extends ChargebackServiceTest {
}
