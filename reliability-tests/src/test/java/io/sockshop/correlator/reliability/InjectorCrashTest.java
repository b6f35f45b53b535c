package io.sockshop.correlator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.Apps;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged injector is killed with SIGKILL while a scenario's fault is in place (payment scaled
 * to 0; catalogue-db's CPU limited to 50m; the Locust load Job running), against the mock Kubernetes
 * API seeded with the upstream Sock Shop manifest. At its next start it puts the cluster back exactly
 * as it was and closes the run (RESTORE_STARTED, RESTORED, ABORTED) with the next sequence numbers.
 * Each restarted injector then runs the next scenario and is killed in turn.
 */
@WithKafka
class InjectorCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = SockShopCluster.NAMESPACE;

    record Crash(String scenario, Map<String, String> parameters, Predicate<SockShopCluster> faultInPlace) {
    }

    private static final List<Crash> CRASHES = List.of(
            new Crash("incident-3", Map.of("warmup", "1s", "duration", "10m"),
                    c -> c.deployment("payment").getSpec().getReplicas() == 0),
            new Crash("incident-8", Map.of("warmup", "1s", "duration", "10m"),
                    c -> "50m".equals(limit(c, "catalogue-db"))),
            new Crash("incident-1", Map.of("duration", "10m"),
                    c -> !c.client().batch().v1().jobs().inNamespace(NS).list().getItems().isEmpty()));

    @Test
    void aKilledInjectorRestoresTheClusterAtItsNextStart(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueName("inj") + ".";
        try (SockShopCluster cluster = new SockShopCluster()) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kafka.bootstrap.servers", broker.bootstrapServers());
            settings.put("injector.kafka.topic-prefix", prefix);
            settings.put("injector.kafka.transactional-id", "injector-" + prefix);
            settings.put("injector.kubernetes.mode", "url");
            settings.put("injector.kubernetes.master-url", cluster.url());
            Map<String, JsonNode> pristine = cluster.state();

            ServiceProcess injector = start(settings, 0);
            try {
                for (int i = 0; i < CRASHES.size(); i++) {
                    Crash crash = CRASHES.get(i);
                    String runId = startRun(injector, crash);
                    await(crash.scenario() + " fault in place").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                            .until(() -> crash.faultInPlace().test(cluster));
                    int before = events(broker, prefix, runId).size();
                    injector.kill();
                    assertThat(crash.faultInPlace().test(cluster)).as("nothing restored by the killed process").isTrue();
                    assertThat(cluster.state()).isNotEqualTo(pristine);

                    injector = start(settings, i + 1);
                    await(crash.scenario() + " restored at the next start").atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofMillis(200)).until(() -> cluster.state().equals(pristine));
                    List<InjectionEvent> events = awaitEvents(broker, prefix, runId, before + 3);
                    assertThat(events).extracting(InjectionEvent::sequence).as("sequences of %s", runId)
                            .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
                    assertThat(events.subList(events.size() - 3, events.size())).extracting(InjectionEvent::phase)
                            .containsExactly(InjectionPhase.RESTORE_STARTED, InjectionPhase.RESTORED, InjectionPhase.ABORTED);
                    JsonNode view = JSON.readTree(injector.get("/runs/" + runId, Map.of()).body());
                    assertThat(view.path("state").asText()).isEqualTo("ABORTED");
                }
            } finally {
                injector.close();
            }
            assertThat(cluster.state()).isEqualTo(pristine);
        }
    }

    private static ServiceProcess start(Map<String, String> settings, int n) {
        return ServiceProcess.start("injector-" + n, Apps.jar("injector"), "256m", settings, Map.of())
                .awaitReady(Duration.ofMinutes(2));
    }

    private static String startRun(ServiceProcess injector, Crash crash) throws Exception {
        String body = JSON.writeValueAsString(Map.of("scenarioId", crash.scenario(), "namespace", NS,
                "parameters", crash.parameters()));
        var response = injector.send(HttpRequest.newBuilder(URI.create(injector.baseUrl() + "/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as("start %s: %s", crash.scenario(), response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("runId").asText();
    }

    private static List<InjectionEvent> events(KafkaBroker broker, String prefix, String runId) {
        return KafkaIO.readEvents(broker.bootstrapServers(), Topics.INJECTIONS.withPrefix(prefix).name(),
                        EventType.INJECTION, true).stream().map(CloudEvent::data).filter(e -> e.runId().equals(runId))
                .toList();
    }

    private static List<InjectionEvent> awaitEvents(KafkaBroker broker, String prefix, String runId, int count) {
        await("events of " + runId).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> events(broker, prefix, runId).size() >= count);
        return events(broker, prefix, runId);
    }

    private static String limit(SockShopCluster cluster, String deployment) {
        var resources = cluster.deployment(deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        if (resources == null || resources.getLimits() == null || resources.getLimits().get("cpu") == null) {
            return null;
        }
        return resources.getLimits().get("cpu").toString();
    }
}
