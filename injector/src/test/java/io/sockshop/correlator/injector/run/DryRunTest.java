package io.sockshop.correlator.injector.run;

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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A dry run of every shipped scenario prints the plan as kubectl commands and writes nothing. */
@WithKafka
class DryRunTest {

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
    void aDryRunChangesNothing(String scenarioId) {
        Map<String, String> versions = cluster.versions();
        var state = cluster.state();
        cluster.requests();

        RunView run = harness.injector().start(new RunRequest(scenarioId, null, Map.of(), true));

        assertThat(cluster.requests()).as("only reads reach the API").allSatisfy(r -> assertThat(r).startsWith("GET "));
        assertThat(cluster.versions()).isEqualTo(versions);
        assertThat(cluster.state()).isEqualTo(state);
        assertThat(run.dryRun()).isTrue();
        assertThat(run.state()).isEqualTo(RunState.COMPLETED);
        List<String> commands = Injector.kubectl(run);
        assertThat(commands).isNotEmpty().allSatisfy(c -> assertThat(c).matches("(?s)(kubectl -n sock-shop |sleep ).*"));
        switch (scenarioId) {
            case "incident-3" -> assertThat(commands).contains("kubectl -n sock-shop scale deployment/payment --replicas=0",
                    "kubectl -n sock-shop scale deployment/payment --replicas=1");
            case "incident-5" -> assertThat(commands).contains(
                    "kubectl -n sock-shop scale deployment/queue-master --replicas=0",
                    "kubectl -n sock-shop scale deployment/queue-master --replicas=1");
            case "incident-8" -> assertThat(commands).contains(
                    "kubectl -n sock-shop set resources deployment/catalogue-db -c catalogue-db --limits=cpu=50m,memory=128Mi",
                    "kubectl -n sock-shop patch deployment catalogue-db --type=json"
                            + " -p '[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/resources\"}]'");
            default -> assertThat(commands).anySatisfy(c -> assertThat(c).contains("kind: \"Job\"", "locustio/locust", "--headless"));
        }
        assertThat(commands).anySatisfy(c -> assertThat(c).startsWith("kubectl -n sock-shop delete job locust-"));

        List<CloudEvent<InjectionEvent>> events = harness.events(run.runId(), 2);
        assertThat(events).extracting(e -> e.data().phase())
                .containsExactly(InjectionPhase.PLANNED, InjectionPhase.COMPLETED);
        assertThat(events).allSatisfy(e -> assertThat(e.data().dryRun()).isTrue());
    }
}
