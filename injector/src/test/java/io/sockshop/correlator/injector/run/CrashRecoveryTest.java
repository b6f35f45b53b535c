package io.sockshop.correlator.injector.run;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The injector dies in the middle of every shipped scenario, with its fault in place: the run's thread
 * ends without any restore code running, as when the process is killed. A new injector on the same
 * topics restores the cluster exactly, and closes the run's lifecycle without a gap or a reused
 * sequence number.
 */
@WithKafka
class CrashRecoveryTest {

    private SockShopCluster cluster;
    private InjectorHarness crashed;
    private InjectorHarness restarted;

    @BeforeEach
    void start(KafkaBroker broker) {
        cluster = new SockShopCluster();
        crashed = InjectorHarness.start(broker, cluster);
    }

    @AfterEach
    void stop() {
        if (restarted != null) {
            restarted.close();
        }
        crashed.close();
        cluster.close();
    }

    @ParameterizedTest
    @MethodSource("io.sockshop.correlator.injector.run.ShippedScenarios#ids")
    void aCrashInTheMiddleFollowedByARestartRestores(String scenarioId) throws InterruptedException {
        Map<String, JsonNode> before = cluster.state();
        RunView run = crashed.injector().start(new RunRequest(scenarioId, null, Map.of(), false));
        int waitsBeforeFault = ShippedScenarios.WAITS_BEFORE_FAULT.get(scenarioId);
        for (int i = 0; i < waitsBeforeFault; i++) {
            crashed.sleeper().next().open();
        }
        GateSleeper.Gate faultInPlace = crashed.sleeper().next();
        assertThat(cluster.state()).as("the fault is in place when the injector dies").isNotEqualTo(before);
        faultInPlace.crash();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.requests().isEmpty()
                && crashed.injector().run(run.runId()).orElseThrow().state() == RunState.RUNNING);
        assertThat(cluster.state()).as("nothing restored by the dead process").isNotEqualTo(before);
        int publishedBeforeCrash = crashed.injector().run(run.runId()).orElseThrow().events().size();

        InjectorHarness.Restarted restart = crashed.restart();
        restarted = restart.harness();

        assertThat(restart.recovered()).singleElement().satisfies(r -> {
            assertThat(r.runId()).isEqualTo(run.runId());
            assertThat(r.restored()).isTrue();
            assertThat(r.view().state()).isEqualTo(RunState.ABORTED);
        });
        assertThat(cluster.state()).as("cluster after the restart").isEqualTo(before);

        List<CloudEvent<InjectionEvent>> events = restarted.events(run.runId(), publishedBeforeCrash + 3);
        assertThat(events).hasSize(publishedBeforeCrash + 3);
        assertThat(events).extracting(e -> e.data().sequence())
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.subList(events.size() - 3, events.size())).extracting(e -> e.data().phase())
                .containsExactly(InjectionPhase.RESTORE_STARTED, InjectionPhase.RESTORED, InjectionPhase.ABORTED);
        assertThat(events).allSatisfy(e ->
                assertThat(e.data().expected()).isEqualTo(ShippedScenarios.EXPECTED.get(scenarioId)));

        InjectorHarness.Restarted again = restarted.restart();
        try {
            assertThat(again.recovered()).as("nothing left to restore at the next start").isEmpty();
        } finally {
            again.harness().close();
        }
    }
}
