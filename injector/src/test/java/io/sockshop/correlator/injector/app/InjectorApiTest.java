package io.sockshop.correlator.injector.app;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * The REST service as the demo drives it: scenarios, runs with shortened durations, stop, history,
 * refusals as RFC 7807 problems, OpenAPI, health and metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = InjectorTestResources.class, restrictToAnnotatedClass = true)
class InjectorApiTest {

    @Test
    void listsAndShowsTheShippedScenarios() {
        given().get("/scenarios").then().statusCode(200)
                .body("id", hasItems("incident-1", "incident-2", "incident-4", "incident-3", "incident-5", "incident-8"))
                .body("find { it.id == 'incident-3' }.expected.signature", equalTo("dependency-down-inconsistency"))
                .body("find { it.id == 'incident-3' }.expected.rootCauseService", equalTo("payment"))
                .body("find { it.id == 'incident-3' }.expected.faultType", equalTo("dependency-unavailable"))
                .body("find { it.id == 'incident-1' }.parameters.users.defaultValue", equalTo("3000"));
        given().get("/scenarios/incident-8").then().statusCode(200)
                .body("steps.action", hasItems("set-resources", "wait", "start-load"))
                .body("parameters.cpuLimit.defaultValue", equalTo("50m"));
        given().get("/scenarios/incident-9").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Scenario not found"))
                .body("type", startsWith("urn:sockshop-correlator:injector:problem:"))
                .body("detail", containsString("incident-9"));
    }

    @Test
    void runsAScenarioWithShortenedDurationsAndRestores() {
        Integer replicasBefore = InjectorTestResources.cluster.deployment("payment").getSpec().getReplicas();
        Response started = given().contentType(ContentType.JSON)
                .body(Map.of("scenarioId", "incident-3", "parameters", Map.of("warmup", "200ms", "duration", "10s")))
                .post("/runs");
        started.then().statusCode(202).header("Location", containsString("/runs/incident-3-"))
                .body("state", equalTo("PLANNED")).body("expected.rootCauseService", equalTo("payment"))
                .body("parameters.duration", equalTo("10s"));
        String runId = started.path("runId");

        AtomicBoolean paymentWasDown = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (InjectorTestResources.cluster.deployment("payment").getSpec().getReplicas() == 0) {
                paymentWasDown.set(true);
            }
            return paymentWasDown.get() || List.of("COMPLETED", "FAILED", "ABORTED")
                    .contains(given().get("/runs/" + runId).<String>path("state"));
        });
        assertThat(paymentWasDown).as(() -> "payment at 0 during the run: " + given().get("/runs/" + runId).asString())
                .isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "COMPLETED".equals(given().get("/runs/" + runId).path("state")));

        List<String> phases = given().get("/runs/" + runId).path("events.phase");
        assertThat(phases).containsExactly("PLANNED", "STARTED", "STEP_APPLIED", "STEP_APPLIED", "STEP_APPLIED",
                "STEP_APPLIED", "RESTORE_STARTED", "RESTORED", "COMPLETED");
        assertThat(InjectorTestResources.cluster.deployment("payment").getSpec().getReplicas()).isEqualTo(replicasBefore);
        given().get("/runs?scenarioId=incident-3&state=COMPLETED").then().statusCode(200)
                .body("runId", hasItems(runId));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("injector_events_total{dry_run=\"false\",phase=\"COMPLETED\",scenario=\"incident-3\"}"));
    }

    @Test
    void stopsARunAndRefusesAConflictingOne() {
        String runId = given().contentType(ContentType.JSON)
                .body(Map.of("scenarioId", "incident-5", "parameters", Map.of("warmup", "100ms", "duration", "5m")))
                .post("/runs").then().statusCode(202).extract().path("runId");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                InjectorTestResources.cluster.deployment("queue-master").getSpec().getReplicas() == 0);

        given().contentType(ContentType.JSON).body(Map.of("scenarioId", "incident-1")).post("/runs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Conflicting run")).body("detail", containsString(runId));

        given().queryParam("reason", "demo over").post("/runs/" + runId + "/stop").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "ABORTED".equals(given().get("/runs/" + runId).path("state")));
        assertThat(InjectorTestResources.cluster.deployment("queue-master").getSpec().getReplicas()).isEqualTo(1);
        given().get("/runs/" + runId).then().body("message", containsString("demo over"));
        given().post("/runs/" + runId + "/stop").then().statusCode(409).contentType("application/problem+json");
        given().post("/runs/nope/stop").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aDryRunReturnsThePlanAsKubectlCommands() {
        given().contentType(ContentType.JSON)
                .body(Map.of("scenarioId", "incident-8", "dryRun", true))
                .post("/runs").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("state", equalTo("COMPLETED"))
                .body("steps.kubectl.flatten()", hasItems(
                        "kubectl -n sock-shop set resources deployment/catalogue-db -c catalogue-db --limits=cpu=50m,memory=128Mi"))
                .body("restorePlan[1]", containsString("kubectl -n sock-shop delete job locust-incident-8-"));
    }

    @Test
    void badRequestsGetProblems() {
        given().contentType(ContentType.JSON).body(Map.of("scenarioId", "incident-3", "namespace", "kube-system"))
                .post("/runs").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Namespace not allowed")).body("detail", containsString("kube-system"));
        given().contentType(ContentType.JSON).body(Map.of("scenarioId", "incident-3", "parameter", Map.of()))
                .post("/runs").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown field(s) [parameter]"));
        given().contentType(ContentType.JSON).body(Map.of("scenarioId", "incident-3", "parameters", Map.of("users", "x")))
                .post("/runs").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("users must be a whole number"));
        given().contentType(ContentType.JSON).body(Map.of("scenarioId", "incident-2",
                        "parameters", Map.of("duration", "2h")))
                .post("/runs").then().statusCode(400).body("detail", containsString("injector.max-duration"));
        given().contentType(ContentType.JSON).body("{not json").post("/runs")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("{}").post("/runs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("scenarioId is required"));
        given().get("/runs?state=SLEEPING").then().statusCode(400).contentType("application/problem+json");
        given().get("/runs/nope").then().statusCode(404).contentType("application/problem+json");
        given().get("/no-such-path").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void servesOpenApiHealthAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/scenarios", "/scenarios/{id}", "/runs", "/runs/{runId}",
                        "/runs/{runId}/stop"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'injector' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("injector_active_targets"));
    }
}
