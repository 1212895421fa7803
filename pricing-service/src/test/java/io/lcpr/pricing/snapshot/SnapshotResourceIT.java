package io.lcpr.pricing.snapshot;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** SnapshotResourceTest's checks against the packaged application (quarkus-run.jar), started as its own process. */
@QuarkusIntegrationTest
class SnapshotResourceIT extends SnapshotResourceTest {
}
