package io.lcpr.reconcile.reconciliation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** ReconciliationResourceTest's checks against the packaged application (quarkus-run.jar), started as its own process. */
@QuarkusIntegrationTest
class ReconciliationResourceIT extends ReconciliationResourceTest {
}
