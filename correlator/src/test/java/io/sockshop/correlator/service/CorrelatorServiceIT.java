package io.sockshop.correlator.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same end-to-end test against the packaged application (java -jar target/quarkus-app/quarkus-run.jar). */
@QuarkusIntegrationTest
class CorrelatorServiceIT extends CorrelatorServiceTest {
}
