package io.sockshop.correlator.injector.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockshop.correlator.injector.InjectorException;
import io.sockshop.correlator.injector.support.InjectorHarness;
import io.sockshop.correlator.injector.support.SockShopCluster;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.injection.InjectionPhase;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The safety rails: allowlist, one run per target, maximum duration, stop and failure both restore. */
@WithKafka
class SafetyTest {

    private SockShopCluster cluster;
    private InjectorHarness harness;
    private KafkaBroker broker;

    @BeforeEach
    void start(KafkaBroker broker) {
        this.broker = broker;
        cluster = new SockShopCluster();
        harness = InjectorHarness.start(broker, cluster);
    }

    @AfterEach
    void stop() {
        harness.close();
        cluster.close();
    }

    @Test
    void aNamespaceOutsideTheAllowlistIsRefused() {
        Map<String, String> versions = cluster.versions();
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-3", "kube-system", Map.of(), false)))
                .isInstanceOfSatisfying(InjectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InjectorException.Kind.NAMESPACE_NOT_ALLOWED);
                    assertThat(e.getMessage()).contains("kube-system", "[sock-shop]", "injector.allowed-namespaces");
                });
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-3", "kube-system", Map.of(), true)))
                .as("a dry run is refused too").isInstanceOf(InjectorException.class);
        assertThat(cluster.versions()).isEqualTo(versions);
        assertThat(harness.injector().history()).isEmpty();
    }

    @Test
    void aConflictingRunIsRefused() throws InterruptedException {
        RunView first = harness.injector().start(new RunRequest("incident-3", null, Map.of(), false));
        harness.sleeper().next();

        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-1", null, Map.of(), false)))
                .as("incident-1 also aims its load at front-end")
                .isInstanceOfSatisfying(InjectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InjectorException.Kind.RUN_CONFLICT);
                    assertThat(e.kind().status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("sock-shop/front-end", first.runId());
                });
        assertThat(harness.injector().history()).hasSize(1);

        harness.injector().stop(first.runId(), "test over");
        awaitEnd(first.runId());
        RunView second = harness.injector().start(new RunRequest("incident-1", null, Map.of(), true));
        assertThat(second.state()).as("the target is free once the first run restored").isEqualTo(RunState.COMPLETED);
    }

    @Test
    void runsOnDifferentTargetsMayOverlap() throws InterruptedException {
        RunView throttle = harness.injector().start(new RunRequest("incident-8", null, Map.of(), false));
        assertThat(harness.injector().activeTargets()).containsKeys("sock-shop/front-end", "sock-shop/catalogue-db");
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-5", null, Map.of(), false)))
                .isInstanceOf(InjectorException.class);
        harness.injector().stop(throttle.runId(), null);
        awaitEnd(throttle.runId());
        assertThat(harness.injector().activeTargets()).isEmpty();
    }

    @Test
    void aRunLongerThanTheMaximumIsRefused() {
        assertThatThrownBy(() -> harness.injector().start(
                new RunRequest("incident-5", null, Map.of("duration", "45m"), false)))
                .isInstanceOfSatisfying(InjectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InjectorException.Kind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("45m30s", "30m", "injector.max-duration");
                });
    }

    @Test
    void aRunStillGoingAtTheMaximumDurationIsStoppedAndRestored(KafkaBroker broker) {
        harness.close();
        harness = InjectorHarness.start(broker, cluster, new InjectorSettings(InjectorHarness.CLUSTER, Set.of("sock-shop"),
                "sock-shop", Duration.ofSeconds(2), 10));
        Map<String, JsonNode> before = cluster.state();
        RunView run = harness.injector().start(new RunRequest("incident-3", null,
                Map.of("warmup", "500ms", "duration", "1s"), false));
        awaitEnd(run.runId());
        RunView ended = harness.injector().run(run.runId()).orElseThrow();
        assertThat(ended.state()).isEqualTo(RunState.ABORTED);
        assertThat(ended.message()).contains("maximum duration of 2s exceeded");
        assertThat(cluster.state()).isEqualTo(before);
    }

    @Test
    void badOverridesAreRefusedBeforeAnythingHappens() {
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-3", null, Map.of("duraton", "1m"), false)))
                .hasMessageContaining("unknown parameter 'duraton'").hasMessageContaining("duration");
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-3", null, Map.of("users", "many"), false)))
                .hasMessageContaining("users must be a whole number, was 'many'");
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-8", null, Map.of("cpuLimit", "lots"), false)))
                .hasMessageContaining("limits.cpu must be a Kubernetes quantity");
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-9", null, Map.of(), false)))
                .isInstanceOfSatisfying(InjectorException.class, e ->
                        assertThat(e.kind()).isEqualTo(InjectorException.Kind.SCENARIO_NOT_FOUND));
        assertThat(harness.injector().history()).isEmpty();
        assertThat(harness.injector().activeTargets()).isEmpty();
    }

    @Test
    void aMissingTargetIsRefusedBeforeAnythingChanges() {
        cluster.client().apps().deployments().inNamespace("sock-shop").withName("payment").delete();
        await().until(() -> cluster.deployment("payment") == null);
        Map<String, String> versions = cluster.versions();
        assertThatThrownBy(() -> harness.injector().start(new RunRequest("incident-3", null, Map.of(), false)))
                .isInstanceOfSatisfying(InjectorException.class, e -> {
                    assertThat(e.kind().status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("sock-shop/payment does not exist");
                });
        assertThat(cluster.versions()).isEqualTo(versions);
        assertThat(harness.injector().activeTargets()).isEmpty();
    }

    @Test
    void stopRestoresAndEndsAborted() throws InterruptedException {
        Map<String, JsonNode> before = cluster.state();
        RunView run = harness.injector().start(new RunRequest("incident-5", null, Map.of(), false));
        harness.sleeper().next().open();
        harness.sleeper().next();
        assertThat(cluster.deployment("queue-master").getSpec().getReplicas()).isZero();

        harness.injector().stop(run.runId(), "enough");
        awaitEnd(run.runId());

        assertThat(harness.injector().run(run.runId()).orElseThrow().state()).isEqualTo(RunState.ABORTED);
        assertThat(cluster.state()).isEqualTo(before);
        List<CloudEvent<InjectionEvent>> events = harness.events(run.runId(), 7);
        assertThat(events).extracting(e -> e.data().phase()).containsExactly(InjectionPhase.PLANNED,
                InjectionPhase.STARTED, InjectionPhase.STEP_APPLIED, InjectionPhase.STEP_APPLIED,
                InjectionPhase.STEP_APPLIED, InjectionPhase.RESTORE_STARTED, InjectionPhase.RESTORED,
                InjectionPhase.ABORTED);
        assertThat(events.get(events.size() - 1).data().message()).contains("enough");
        assertThatThrownBy(() -> harness.injector().stop(run.runId(), null))
                .isInstanceOfSatisfying(InjectorException.class, e ->
                        assertThat(e.kind()).isEqualTo(InjectorException.Kind.RUN_ENDED));
    }

    @Test
    void aFailingStepEndsTheRunFailedAndRestoresWhatWasDone() throws InterruptedException {
        Map<String, JsonNode> before = cluster.state();
        RunView run = harness.injector().start(new RunRequest("incident-3", null, Map.of(), false));
        var warmup = harness.sleeper().next();
        cluster.client().apps().deployments().inNamespace("sock-shop").withName("payment").delete();
        await().until(() -> cluster.deployment("payment") == null);
        warmup.open();
        awaitEnd(run.runId());

        RunView ended = harness.injector().run(run.runId()).orElseThrow();
        assertThat(ended.state()).isEqualTo(RunState.FAILED);
        assertThat(ended.message()).contains("step 2 (scale) failed", "sock-shop/payment does not exist");
        before.remove("Deployment/payment");
        assertThat(cluster.state()).as("the load Job and ConfigMap are removed").isEqualTo(before);
        List<CloudEvent<InjectionEvent>> events = harness.events(run.runId(), 7);
        CloudEvent<InjectionEvent> last = events.get(events.size() - 1);
        assertThat(last.data().phase()).isEqualTo(InjectionPhase.FAILED);
        assertThat(last.data().step().index()).isEqualTo(2);
        assertThat(events.get(events.size() - 2).data().phase()).isEqualTo(InjectionPhase.RESTORED);
    }

    private void awaitEnd(String runId) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                harness.injector().run(runId).orElseThrow().state().ended());
    }
}
