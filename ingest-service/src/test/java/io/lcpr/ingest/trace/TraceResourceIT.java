package io.lcpr.ingest.trace;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** TraceResourceTest's checks against the packaged application (quarkus-run.jar), started as its own process. */
@QuarkusIntegrationTest
class TraceResourceIT extends TraceResourceTest {
}
