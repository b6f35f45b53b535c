package io.sockshop.correlator.injector.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.sockshop.correlator.injector.support.GateSleeper;
import io.sockshop.correlator.injector.support.InjectorHarness;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sockshop.correlator.model.injection.InjectionPhase.COMPLETED;
import static io.sockshop.correlator.model.injection.InjectionPhase.PLANNED;
import static io.sockshop.correlator.model.injection.InjectionPhase.RESTORED;
import static io.sockshop.correlator.model.injection.InjectionPhase.RESTORE_STARTED;
import static io.sockshop.correlator.model.injection.InjectionPhase.STARTED;
import static io.sockshop.correlator.model.injection.InjectionPhase.STEP_APPLIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every shipped scenario, run for real against the mock Kubernetes API in CRUD mode and the embedded
 * broker: the fault is in place while the run waits, the restore leaves the cluster exactly as it was,
 * and the lifecycle events arrive in order with the scenario's ground truth.
 */
@WithKafka
class ScenarioRunTest {

    private SockShopCluster cluster;
    private InjectorHarness harness;

    @BeforeEach
    void start(KafkaBroker broker) {
        cluster = new SockShopCluster();
        harness = InjectorHarness.start(broker, cluster);
    }

    @AfterEach
    void stop() {
        harness.close();
        cluster.close();
    }

    @ParameterizedTest
    @MethodSource("io.sockshop.correlator.injector.run.ShippedScenarios#ids")
    void applyThenRestoreLeavesTheClusterExactlyAsItWas(String scenarioId) throws InterruptedException {
        Map<String, JsonNode> before = cluster.state();

        RunView run = harness.injector().start(new RunRequest(scenarioId, null, Map.of(), false));
        List<Map<String, JsonNode>> atEachWait = openEveryWait(run);
        awaitEnd(run.runId());

        assertThat(harness.injector().run(run.runId()).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
        assertThat(atEachWait.get(ShippedScenarios.WAITS_BEFORE_FAULT.get(scenarioId)))
                .as("the fault is in place while the run waits").isNotEqualTo(before);
        faultIsInPlace(scenarioId, run.runId());
        assertThat(cluster.state()).as("cluster after the restore").isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.sockshop.correlator.injector.run.ShippedScenarios#ids")
    void lifecycleEventsArriveInOrderWithTheGroundTruth(String scenarioId) throws InterruptedException {
        RunView run = harness.injector().start(new RunRequest(scenarioId, null, Map.of(), false));
        openEveryWait(run);
        awaitEnd(run.runId());

        int steps = run.steps().size();
        List<CloudEvent<InjectionEvent>> events = harness.events(run.runId(), steps + 5);
        List<InjectionPhase> expectedPhases = new ArrayList<>(List.of(PLANNED, STARTED));
        for (int i = 0; i < steps; i++) {
            expectedPhases.add(STEP_APPLIED);
        }
        expectedPhases.addAll(List.of(RESTORE_STARTED, RESTORED, COMPLETED));

        assertThat(events).extracting(e -> e.data().phase()).containsExactlyElementsOf(expectedPhases);
        assertThat(events).extracting(e -> e.data().sequence()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, expectedPhases.size()).boxed().toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.data().expected()).isEqualTo(ShippedScenarios.EXPECTED.get(scenarioId));
            assertThat(e.data().scenarioId()).isEqualTo(scenarioId);
            assertThat(e.data().cluster()).isEqualTo(InjectorHarness.CLUSTER);
            assertThat(e.data().namespace()).isEqualTo("sock-shop");
            assertThat(e.data().dryRun()).isFalse();
            assertThat(e.partitionkey()).isEqualTo("kind-sockshop/sock-shop");
            assertThat(e.source()).isEqualTo("/injector/kind-sockshop");
            assertThat(e.id()).isEqualTo("injection/" + run.runId() + "/" + e.data().sequence());
        });
        assertThat(harness.keys(run.runId())).containsOnly("kind-sockshop/sock-shop");
        assertThat(events).extracting(CloudEvent::time).isSorted();
        List<CloudEvent<InjectionEvent>> applied = events.stream().filter(e -> e.data().phase() == STEP_APPLIED).toList();
        assertThat(applied).extracting(e -> e.data().step().index())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, steps).boxed().toList());
        assertThat(applied).extracting(e -> e.data().step().action())
                .containsExactlyElementsOf(run.steps().stream().map(RunView.StepView::action).toList());
        assertThat(events.get(0).data().targets()).isNotEmpty().containsExactlyElementsOf(run.targets());
        assertThat(events.get(0).data().parameters()).containsAllEntriesOf(
                harness.injector().scenario(scenarioId).defaults());
        assertThat(events.get(events.size() - 2).data().targets()).as("RESTORED names what was put back")
                .isNotEmpty();
    }

    /** Opens each wait of the run in turn, recording the cluster (and its fault) as it stands at each. */
    private List<Map<String, JsonNode>> openEveryWait(RunView run) throws InterruptedException {
        List<Map<String, JsonNode>> states = new ArrayList<>();
        long waits = run.steps().stream().filter(s -> s.action().equals("wait")).count();
        for (int i = 0; i < waits; i++) {
            GateSleeper.Gate gate = harness.sleeper().next();
            states.add(cluster.state());
            probes.add(Probe.of(cluster, run.runId()));
            gate.open();
        }
        return states;
    }

    private final List<Probe> probes = new ArrayList<>();

    /** The parts of the cluster the shipped scenarios change, as seen at one wait. */
    record Probe(List<String> locustArgs, Integer payment, Integer queueMaster, Map<String, String> catalogueDbLimits) {
        static Probe of(SockShopCluster cluster, String runId) {
            Job job = cluster.client().batch().v1().jobs().inNamespace("sock-shop").withName("locust-" + runId).get();
            Deployment catalogueDb = cluster.deployment("catalogue-db");
            var resources = catalogueDb.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
            Map<String, String> limits = new java.util.TreeMap<>();
            if (resources != null && resources.getLimits() != null) {
                resources.getLimits().forEach((k, v) -> limits.put(k, v.toString()));
            }
            return new Probe(job == null ? null : job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs(),
                    cluster.deployment("payment").getSpec().getReplicas(),
                    cluster.deployment("queue-master").getSpec().getReplicas(), limits);
        }

        String args() {
            return locustArgs == null ? "" : String.join(" ", locustArgs);
        }
    }

    private void faultIsInPlace(String scenarioId, String runId) {
        Probe first = probes.get(0);
        switch (scenarioId) {
            case "incident-1" -> assertThat(first.args()).contains("--headless", "--users 3000", "--spawn-rate 100",
                    "--run-time 300s", "--host http://front-end");
            case "incident-2" -> assertThat(first.args()).contains("--users 750", "--spawn-rate 50", "--run-time 480s");
            case "incident-4" -> assertThat(first.args()).contains("--users 500", "--run-time 300s");
            case "incident-3" -> {
                assertThat(first.args()).contains("--users 10", "--run-time 150s");
                assertThat(probes.get(1).payment()).isZero();
            }
            case "incident-5" -> {
                assertThat(first.args()).contains("--users 10", "--run-time 270s");
                assertThat(probes.get(1).queueMaster()).isZero();
            }
            case "incident-8" -> {
                assertThat(first.catalogueDbLimits()).as("no limits before the fault (upstream manifest)").isEmpty();
                assertThat(probes.get(1).catalogueDbLimits()).isEqualTo(Map.of("cpu", "50m", "memory", "128Mi"));
                assertThat(probes.get(2).catalogueDbLimits()).as("the guide's recovery")
                        .isEqualTo(Map.of("cpu", "500m", "memory", "512Mi"));
            }
            default -> throw new AssertionError("no fault check for " + scenarioId);
        }
        assertThat(cluster.client().batch().v1().jobs().inNamespace("sock-shop").withName("locust-" + runId).get())
                .as("the load Job is gone after the restore").isNull();
        assertThat(cluster.client().configMaps().inNamespace("sock-shop").withName("locustfile-" + runId).get())
                .as("the locustfile ConfigMap is gone after the restore").isNull();
    }

    private void awaitEnd(String runId) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                harness.injector().run(runId).orElseThrow().state().ended());
    }
}
