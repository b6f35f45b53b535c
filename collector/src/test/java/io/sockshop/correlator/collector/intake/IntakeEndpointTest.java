package io.sockshop.correlator.collector.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.collector.Fixtures;
import io.sockshop.correlator.collector.kafka.TopicReader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The packaged collector's log intake, as the Agent and Vector call it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class IntakeEndpointTest {

    static final String TOKEN = "intake-token-for-tests";

    /** The recorded intake request body (v2 Send logs cassette), with the tags the Agent adds in Kubernetes. */
    private static String agentPayload() {
        JsonNode exchange = Fixtures.json("datadog/v2_Send_logs_returns_Request_accepted_for_processing_always_202_empty_JSON_response.json").get(0);
        String recorded = exchange.at("/httpRequest/body/json").asText();
        return recorded.replace("\"ddtags\":\"env:staging,version:5.1\"",
                "\"ddtags\":\"env:staging,version:5.1,kube_namespace:sock-shop,kube_deployment:payment\"");
    }

    @Test
    void acceptsAnAgentShapedPayloadLikeDatadogAndPublishesIt() throws Exception {
        String payload = agentPayload();
        given().header("DD-API-KEY", TOKEN).contentType("application/json").body(payload)
                .when().post("/api/v2/logs")
                .then().statusCode(202).body(equalTo("{}"));

        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(payload.replace("Hello World", "Hello again").getBytes(StandardCharsets.UTF_8));
        }
        given().header("DD-API-KEY", TOKEN).header("Content-Encoding", "gzip").contentType("application/json")
                .body(gzipped.toByteArray())
                .when().post("/api/v2/logs")
                .then().statusCode(202);

        try (TopicReader<DatadogLog> reader = new TopicReader<>(SharedKafkaBroker.get(), Topics.DATADOG_LOGS,
                Topics.DATADOG_LOGS.withPrefix(KafkaTestResource.PREFIX).name())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.events().size() >= 2);
            List<CloudEvent<DatadogLog>> events = reader.events();
            CloudEvent<DatadogLog> first = events.get(0);
            assertThat(first.id()).startsWith("dd-log/intake-");
            assertThat(first.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
            assertThat(first.data().service()).isEqualTo("payment");
            assertThat(first.data().host()).isEqualTo("i-012345678");
            assertThat(first.data().status()).isEqualTo("info");
            assertThat(first.data().message()).isEqualTo("2019-11-19T14:37:58,995 INFO [process.name][20081] Hello World");
            assertThat(first.data().tags()).contains("env:staging", "kube_namespace:sock-shop", "source:nginx");
            assertThat(events.get(1).data().message()).endsWith("Hello again");
        }
    }

    @Test
    void refusesAMissingOrWrongTokenWith401() {
        given().contentType("application/json").body(agentPayload())
                .when().post("/api/v2/logs")
                .then().statusCode(401).contentType("application/problem+json")
                .body(containsString("\"status\":401")).body(containsString("DD-API-KEY"));
        given().header("DD-API-KEY", "not-the-token").contentType("application/json").body(agentPayload())
                .when().post("/api/v2/logs")
                .then().statusCode(401);
    }

    @Test
    void refusesAMalformedBodyWith400() {
        given().header("DD-API-KEY", TOKEN).contentType("application/json").body("[{\"message\": \"cut off")
                .when().post("/api/v2/logs")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("not valid JSON"));
        given().header("DD-API-KEY", TOKEN).contentType("application/json").body("[42]")
                .when().post("/api/v2/logs")
                .then().statusCode(400).body(containsString("[0]: expected a log object"));
        given().header("DD-API-KEY", TOKEN).contentType("application/json").body("[{\"message\": 7}]")
                .when().post("/api/v2/logs")
                .then().statusCode(400).body(containsString("[0].message: expected a string"));
    }

    @Test
    void servesHealthAndPrometheusMetrics() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("collector_buffer_bytes"));
    }
}
