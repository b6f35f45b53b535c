package io.sockshop.correlator.api;

import io.restassured.RestAssured;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.ScoreStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.sockshop.correlator.api.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged API, killed hard and started again, rebuilds the same state from Kafka, and a stream
 * client resumes across the restart from its Last-Event-ID without gaps or repeats.
 */
class ApiRestartIT {

    private static final String TOKEN = "restart-token-" + UUID.randomUUID();

    @Test
    void aRestartedApiRebuildsTheSameStateAndStreamsResumeAcrossIt() throws Exception {
        KafkaBroker broker = SharedKafkaBroker.get();
        String prefix = "api-restart-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        KafkaTestResource.createTopics(broker, prefix);
        String app = ApiTestSupport.uniqueApplication();
        String paymentId = Fixtures.incidentId(app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", T0);
        String throttleId = Fixtures.incidentId(app, Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db", T0);
        Finding open = Fixtures.paymentDown(app, paymentId, 1, IncidentStatus.OPEN, T0.plusSeconds(31), List.of(Fixtures.ORDER_ID));
        Finding updated = Fixtures.paymentDown(app, paymentId, 2, IncidentStatus.UPDATED, T0.plusSeconds(161), Fixtures.FAILED_ORDER_IDS);
        Finding throttle = Fixtures.throttled(app, throttleId, 1, IncidentStatus.OPEN, T0.plusSeconds(5));
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "CORRELATOR_API_TOKEN", TOKEN, "CORRELATOR_API_TOPIC_PREFIX", prefix);

        try (TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
            writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(open), Events.finding(updated),
                    Events.finding(throttle)));
            writer.commit(Topics.INCIDENTS.withPrefix(prefix), List.of(
                    Events.incident(Fixtures.incident(List.of(open))),
                    Events.incident(Fixtures.incident(List.of(open, updated))),
                    Events.incident(Fixtures.incident(List.of(throttle)))));
            writer.commit(Topics.SERVICE_HEALTH.withPrefix(prefix), List.of(Events.serviceHealth(
                    Fixtures.health(app, "payment", HealthStatus.DOWN, 1, 0, 0, List.of(paymentId), T0.plusSeconds(161)))));
            writer.commit(Topics.SCORES.withPrefix(prefix), List.of(Events.score(Fixtures.score("run-restart", "incident-3",
                    app, Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", FaultType.DEPENDENCY_UNAVAILABLE, true,
                    Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment", 31.0, paymentId, List.of(), ScoreStatus.FINAL),
                    1, T0.plusSeconds(400))));
            writer.commit(Topics.DATADOG_LOGS.withPrefix(prefix), GuideOrderSequence.lines(app));

            Map<String, String> before;
            String resumeFrom;
            try (ApiProcess first = new ApiProcess(env)) {
                first.awaitReady();
                before = snapshot(first, app, paymentId);
                assertThat(before.get("incidents")).contains(paymentId).contains(throttleId);
                assertThat(before.get("trace")).contains("PAYMENT_FAILED");

                try (SseTestClient stream = new SseTestClient(URI.create(first.baseUrl()
                        + "/api/v1/findings/stream?application=" + app), TOKEN, null)) {
                    Finding third = Fixtures.paymentDown(app, paymentId, 3, IncidentStatus.UPDATED, T0.plusSeconds(200),
                            Fixtures.FAILED_ORDER_IDS);
                    writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(third)));
                    await().atMost(Duration.ofSeconds(60)).until(() -> stream.findings().size() == 1);
                    resumeFrom = stream.findings().get(0).id();
                }
                first.kill();
            }
            // Written while no API runs.
            Finding fourth = Fixtures.paymentDown(app, paymentId, 4, IncidentStatus.UPDATED, T0.plusSeconds(260),
                    Fixtures.FAILED_ORDER_IDS);
            writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(fourth)));

            try (ApiProcess second = new ApiProcess(env)) {
                second.awaitReady();
                assertThat(snapshot(second, app, paymentId)).isEqualTo(before);
                try (SseTestClient resumed = new SseTestClient(URI.create(second.baseUrl()
                        + "/api/v1/findings/stream?application=" + app), TOKEN, resumeFrom)) {
                    Finding fifth = Fixtures.paymentDown(app, paymentId, 5, IncidentStatus.UPDATED, T0.plusSeconds(300),
                            Fixtures.FAILED_ORDER_IDS);
                    writer.commit(Topics.FINDINGS.withPrefix(prefix), List.of(Events.finding(fifth)));
                    await().atMost(Duration.ofSeconds(60)).until(() -> resumed.findings().size() >= 2);
                    assertThat(resumed.findings()).extracting(SseTestClient.Event::data)
                            .satisfiesExactly(d -> assertThat(d).contains("\"id\":\"finding/" + paymentId + "/4\""),
                                    d -> assertThat(d).contains("\"id\":\"finding/" + paymentId + "/5\""));
                }
            }
        }
    }

    private static Map<String, String> snapshot(ApiProcess api, String app, String incidentId) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("incidents", get(api, "/api/v1/incidents?application=" + app));
        answers.put("incident", get(api, "/api/v1/incidents/" + incidentId));
        answers.put("impact", get(api, "/api/v1/impact?application=" + app));
        answers.put("health", get(api, "/api/v1/service-health?application=" + app));
        answers.put("scorecard", get(api, "/api/v1/scorecard?application=" + app));
        answers.put("trace", get(api, "/api/v1/orders/" + Fixtures.ORDER_ID + "/trace?application=" + app));
        return answers;
    }

    private static String get(ApiProcess api, String path) {
        return RestAssured.given().baseUri(api.baseUrl()).auth().oauth2(TOKEN).urlEncodingEnabled(false).get(path)
                .then().statusCode(200).extract().asString();
    }
}
