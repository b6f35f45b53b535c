package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.kafka.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.sockshop.correlator.api.ApiTestSupport.authorised;
import static io.sockshop.correlator.api.ApiTestSupport.uniqueApplication;
import static io.sockshop.correlator.api.Fixtures.T0;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The incident list and detail, service health and impact reflect what is written to the topics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class IncidentsApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "correlator.api.topic-prefix")
    String prefix;

    private TopicWriter writer;
    private String app;
    private String paymentId;
    private String throttleId;

    @BeforeEach
    void writeTwoIncidents() {
        writer = new TopicWriter(bootstrap);
        app = uniqueApplication();
        paymentId = Fixtures.incidentId(app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", T0);
        throttleId = Fixtures.incidentId(app, Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db", T0.minusSeconds(3600));
        Finding open = Fixtures.paymentDown(app, paymentId, 1, IncidentStatus.OPEN, T0.plusMillis(31_518),
                List.of(Fixtures.ORDER_ID));
        Finding updated = Fixtures.paymentDown(app, paymentId, 2, IncidentStatus.UPDATED, T0.plusSeconds(161),
                Fixtures.FAILED_ORDER_IDS);
        Instant throttleAt = T0.minusSeconds(3600);
        Finding throttleOpen = Fixtures.throttled(app, throttleId, 1, IncidentStatus.OPEN, throttleAt);
        Finding throttleResolved = Fixtures.throttled(app, throttleId, 2, IncidentStatus.RESOLVED, throttleAt.plusSeconds(600));
        writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(open), Events.finding(updated),
                Events.finding(throttleOpen), Events.finding(throttleResolved)));
        writer.commit(Topics.INCIDENTS.withPrefix(prefix), List.of(
                Events.incident(Fixtures.incident(List.of(open))),
                Events.incident(Fixtures.incident(List.of(open, updated))),
                Events.incident(Fixtures.incident(List.of(throttleOpen, throttleResolved)))));
        writer.commit(Topics.SERVICE_HEALTH.withPrefix(prefix), List.of(
                Events.serviceHealth(Fixtures.health(app, "payment", HealthStatus.DOWN, 0, 0, 0, List.of(), T0.plusSeconds(161))),
                Events.serviceHealth(Fixtures.health(app, "orders", HealthStatus.DEGRADED, 1, 1, 2, List.of(), T0.plusSeconds(161)))));
    }

    @AfterEach
    void close() {
        writer.close();
    }

    private void awaitIncidents(int total) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> authorised().queryParam("application", app)
                .get("/api/v1/incidents").then().statusCode(200).body("total", equalTo(total)));
    }

    @Test
    void listAndDetailReflectTheIncidentsWrittenToTheTopics() {
        awaitIncidents(2);
        authorised().queryParam("application", app).get("/api/v1/incidents").then()
                .body("items.incidentId", contains(paymentId, throttleId))
                .body("items[0].status", equalTo("UPDATED"))
                .body("items[0].revision", equalTo(2))
                .body("items[0].rootCauseService", equalTo("payment"))
                .body("items[0].faultType", equalTo("dependency-unavailable"))
                .body("items[1].status", equalTo("RESOLVED"))
                .body("nextPageToken", nullValue());

        authorised().get("/api/v1/incidents/" + paymentId).then().statusCode(200)
                .body("incidentId", equalTo(paymentId))
                .body("timeline.status", contains("OPEN", "UPDATED"))
                .body("latest.evidence[0].eventIds", contains("k8s/1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/701233"))
                .body("latest.impact.failedOrders.count", equalTo(4))
                .body("latest.impact.failedOrders.ids", hasItem(Fixtures.ORDER_ID))
                .body("latest.remediation.immediate[0]", equalTo("kubectl -n sock-shop scale deployment/payment --replicas=1"));
    }

    @Test
    void filtersAndPaging() {
        awaitIncidents(2);
        authorised().queryParam("application", app).queryParam("status", "active").get("/api/v1/incidents").then()
                .body("items.incidentId", contains(paymentId));
        authorised().queryParam("application", app).queryParam("status", "RESOLVED").get("/api/v1/incidents").then()
                .body("items.incidentId", contains(throttleId));
        authorised().queryParam("application", app).queryParam("service", "catalogue").get("/api/v1/incidents").then()
                .body("items.incidentId", contains(throttleId));
        authorised().queryParam("application", app).queryParam("signature", Signatures.DEPENDENCY_DOWN_INCONSISTENCY)
                .get("/api/v1/incidents").then().body("items.incidentId", contains(paymentId));
        String namespace = app.substring(app.indexOf('/') + 1);
        authorised().queryParam("application", app).queryParam("namespace", namespace).get("/api/v1/incidents").then()
                .body("total", equalTo(2));
        // The throttling incident resolved at T0 - 50 min: a range starting at T0 only holds the payment one.
        authorised().queryParam("application", app).queryParam("from", T0.toString()).get("/api/v1/incidents").then()
                .body("items.incidentId", contains(paymentId));
        authorised().queryParam("application", app).queryParam("to", T0.minusSeconds(1800).toString())
                .get("/api/v1/incidents").then().body("items.incidentId", contains(throttleId));

        String token = authorised().queryParam("application", app).queryParam("limit", 1).get("/api/v1/incidents")
                .then().body("items.incidentId", contains(paymentId)).body("total", equalTo(2))
                .body("nextPageToken", notNullValue()).extract().path("nextPageToken");
        authorised().queryParam("application", app).queryParam("limit", 1).queryParam("pageToken", token)
                .get("/api/v1/incidents").then().body("items.incidentId", contains(throttleId))
                .body("nextPageToken", nullValue());
    }

    @Test
    void abortedAndMalformedRecordsAreNeverServed() {
        awaitIncidents(2);
        String ghost = Fixtures.incidentId(app, Signatures.LATENCY_DEGRADATION, "front-end", T0);
        Finding aborted = Fixtures.throttled(app, ghost, 1, IncidentStatus.OPEN, T0);
        writer.abort(Topics.INCIDENTS.withPrefix(prefix), List.<CloudEvent<IncidentState>>of(
                Events.incident(Fixtures.incident(List.of(aborted)))));
        writer.commitRaw(Topics.INCIDENTS.withPrefix(prefix).name(), ghost.getBytes(StandardCharsets.UTF_8),
                "{\"specversion\":\"1.0\",\"not\":\"an incident\"}".getBytes(StandardCharsets.UTF_8));
        // A committed record written after both: once it is served, the two before it were read too.
        String marker = Fixtures.incidentId(app, Signatures.RESOURCE_SATURATION, "orders", T0);
        writer.commit(Topics.INCIDENTS.withPrefix(prefix), List.of(Events.incident(
                Fixtures.incident(List.of(Fixtures.throttled(app, marker, 1, IncidentStatus.OPEN, T0.minusSeconds(7200)))))));
        awaitIncidents(3);
        authorised().get("/api/v1/incidents/" + ghost).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void serviceHealthAddsTheOpenIncidentsOfEachService() {
        awaitIncidents(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> authorised().queryParam("application", app)
                .get("/api/v1/service-health").then().statusCode(200).body("services", hasSize(2)));
        authorised().queryParam("application", app).get("/api/v1/service-health").then()
                .body("services.service", contains("orders", "payment"))
                .body("services[1].status", equalTo("DOWN"))
                .body("services[1].availableReplicas", equalTo(0))
                .body("services[1].openIncidentIds", contains(paymentId))
                .body("services[0].restartCount", equalTo(2));
        String[] parts = app.split("/");
        authorised().get("/api/v1/service-health/" + parts[0] + "/" + parts[1] + "/payment").then().statusCode(200)
                .body("openIncidentIds", contains(paymentId));
        authorised().get("/api/v1/service-health/" + parts[0] + "/" + parts[1] + "/nobody").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void impactAsDataForAnIncidentAndForATimeRange() {
        awaitIncidents(2);
        authorised().get("/api/v1/incidents/" + paymentId + "/impact").then().statusCode(200)
                .body("incidentIds", contains(paymentId))
                .body("failedOrders.count", equalTo(4))
                .body("failedOrders.ids", containsInAnyOrder(Fixtures.FAILED_ORDER_IDS.toArray()))
                .body("moneyAtRisk", equalTo(true))
                .body("errorCount", equalTo(8))
                .body("outageSeconds", equalTo(161))
                .body("currentRestartCounts.orders", equalTo(2));
        authorised().queryParam("application", app).queryParam("from", T0.minusSeconds(7200).toString())
                .queryParam("to", T0.plusSeconds(3600).toString()).get("/api/v1/impact").then().statusCode(200)
                .body("incidentIds", contains(throttleId, paymentId))
                .body("errorCount", equalTo(128))
                .body("peakLatencyMs", equalTo(9800.0f))
                .body("failedOrders.count", equalTo(4));
        authorised().queryParam("application", app).queryParam("from", T0.plusSeconds(7200).toString())
                .queryParam("to", T0.minusSeconds(7200).toString()).get("/api/v1/impact").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("to"));
    }
}
