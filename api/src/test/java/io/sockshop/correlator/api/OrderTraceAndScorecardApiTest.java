package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.ScoreStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.kafka.Topics;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.sockshop.correlator.api.ApiTestSupport.authorised;
import static io.sockshop.correlator.api.ApiTestSupport.uniqueApplication;
import static io.sockshop.correlator.api.Fixtures.T0;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OrderTraceAndScorecardApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "correlator.api.topic-prefix")
    String prefix;

    /** The guide: "a customer was charged but got no confirmation for order 6900953ac1f4320001b50703". */
    @Test
    void orderTraceAnswersTheGuidesQuestionOnARecordedSequence() {
        String app = uniqueApplication();
        String incidentId = Fixtures.incidentId(app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", T0);
        Finding finding = Fixtures.paymentDown(app, incidentId, 2, IncidentStatus.UPDATED, T0.plusSeconds(161),
                Fixtures.FAILED_ORDER_IDS);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.commit(Topics.DATADOG_LOGS.withPrefix(prefix), GuideOrderSequence.lines(app));
            writer.commit(Topics.INCIDENTS.withPrefix(prefix), List.of(Events.incident(Fixtures.incident(List.of(finding)))));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> authorised().queryParam("application", app)
                .get("/api/v1/orders/" + Fixtures.ORDER_ID + "/trace").then().statusCode(200)
                .body("incident.incidentId", equalTo(incidentId))
                .body("events.size()", equalTo(7)));
        authorised().queryParam("application", app).get("/api/v1/orders/" + Fixtures.ORDER_ID + "/trace").then()
                .body("orderId", equalTo(Fixtures.ORDER_ID))
                .body("application", equalTo(app))
                .body("statusHistory.status", contains("CREATED", "PENDING", "PAYMENT_FAILED"))
                .body("finalStatus", equalTo("PAYMENT_FAILED"))
                .body("moneyAtRisk", equalTo(true))
                .body("incident.matchedBy", equalTo("FAILED_ORDERS"))
                .body("incident.rootCauseService", equalTo("payment"))
                .body("events.kind", contains("STATUS", "OTHER", "STATUS", "PAYMENT_REQUEST", "ERROR", "STATUS", "ERROR"))
                .body("events.matchedBy", contains("ORDER_ID", "TRACE_ID", "ORDER_ID", "TRACE_ID", "TRACE_ID",
                        "ORDER_ID", "SAME_THREAD"))
                .body("events.message", everyItem(not(org.hamcrest.Matchers.containsString(GuideOrderSequence.OTHER_FAILED))))
                .body("events.eventId", hasItem("dd-log/" + GuideOrderSequence.logId(app, "12")))
                .body("summary", org.hamcrest.Matchers.containsString("CREATED -> PENDING -> PAYMENT_FAILED"));
        authorised().queryParam("application", app).get("/api/v1/orders/" + GuideOrderSequence.PAID + "/trace").then().statusCode(200)
                .body("finalStatus", equalTo("PAID")).body("paymentAuthorised", equalTo(true))
                .body("moneyAtRisk", equalTo(false));
        authorised().get("/api/v1/orders/aaaaaaaaaaaaaaaaaaaaaaaa/trace").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void scorecardPerRunAndInTotal() {
        String app = uniqueApplication();
        String fp = Fixtures.incidentId(app, Signatures.RESOURCE_SATURATION, "carts", T0);
        try (TopicWriter writer = new TopicWriter(bootstrap)) {
            writer.commit(Topics.SCORES.withPrefix(prefix), List.of(
                    Events.score(Fixtures.score("run-a", "incident-3", app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY,
                            "payment", FaultType.DEPENDENCY_UNAVAILABLE, true, Signatures.DEPENDENCY_DOWN_INCONSISTENCY,
                            "payment", 31.5, "inc-a", List.of(fp), ScoreStatus.FINAL), 3, T0.plusSeconds(420)),
                    Events.score(Fixtures.score("run-b", "incident-4", app, Signatures.LATENCY_DEGRADATION,
                            "catalogue", FaultType.PERFORMANCE_DEGRADATION, true, Signatures.RESOURCE_EXHAUSTION_CRASH,
                            "catalogue", 60.0, "inc-b", List.of(), ScoreStatus.FINAL), 2, T0.plusSeconds(420)),
                    Events.score(Fixtures.score("run-c", "incident-5", app, Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT,
                            "queue-master", FaultType.CONSUMER_UNAVAILABLE, false, null, null, null, null, List.of(),
                            ScoreStatus.PENDING), 1, T0.plusSeconds(420))));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> authorised().queryParam("application", app)
                .get("/api/v1/scorecard").then().statusCode(200).body("runs.size()", equalTo(3)));
        authorised().queryParam("application", app).get("/api/v1/scorecard").then()
                .body("totals.finalRuns", equalTo(2))
                .body("totals.pendingRuns", equalTo(1))
                .body("totals.detected", equalTo(2))
                .body("totals.signatureCorrect", equalTo(1))
                .body("totals.rootCauseCorrect", equalTo(2))
                .body("totals.falsePositives", equalTo(1))
                .body("totals.meanTimeToDetectSeconds", equalTo(45.75f))
                .body("signatures.signature", contains(Signatures.DEPENDENCY_DOWN_INCONSISTENCY,
                        Signatures.LATENCY_DEGRADATION, Signatures.RESOURCE_EXHAUSTION_CRASH, "unknown"))
                .body("signatures[0].metrics.precision", equalTo(1.0f))
                .body("signatures[0].metrics.recall", equalTo(1.0f))
                .body("signatures[1].metrics.recall", equalTo(0.0f))
                .body("signatures[2].metrics.falsePositives", equalTo(1))
                .body("totals.overall.truePositives", equalTo(1))
                .body("totals.overall.falsePositives", equalTo(2))
                .body("totals.overall.falseNegatives", equalTo(1));
        authorised().queryParam("application", app).queryParam("scenario", "incident-3").get("/api/v1/scorecard")
                .then().body("runs.runId", contains("run-a"));
    }
}
