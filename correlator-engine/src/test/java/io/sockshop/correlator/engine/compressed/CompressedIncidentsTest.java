package io.sockshop.correlator.engine.compressed;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.CompressedIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;

import static io.sockshop.correlator.engine.fixtures.GuideIncidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load incidents as the one-command demo runs them (under a minute each, after 40 s of normal
 * traffic), through the very topology, with the demo's compressed timings: the same rules find the
 * same single primary incident. Run on real and renamed names.
 */
abstract class CompressedIncidentsTest {

    abstract Names names();

    record Run(List<Finding> primary, Collection<Finding> all) {
    }

    Run run(Scenario scenario, CorrelatorConfig config) {
        try (Harness h = new Harness(config)) {
            h.pipeAll(scenario.events());
            assertThat(h.deadLetters()).isEmpty();
            return new Run(h.primaryIncidents(), h.latestByIncident().values());
        }
    }

    String key(Finding f) {
        return f.signature().id() + "/" + f.rootCause().service();
    }

    @Test
    void aLatencyIncidentOfThirtyFiveSecondsNeedsTheCompressedBaselineAndIsFoundWithIt() {
        Scenario scenario = CompressedIncidents.pureLatency(names());
        assertThat(run(scenario, CorrelatorConfig.defaults().withTopology(names().topology())).primary())
                .as("one-minute slots and three warm-up minutes cannot judge 40 s of history").isEmpty();
        Run run = run(scenario, CompressedIncidents.config(names()));
        assertThat(run.primary()).extracting(this::key)
                .containsExactly(Signatures.LATENCY_DEGRADATION + "/" + names().s("front-end"));
        Finding f = run.primary().get(0);
        assertThat(f.detectedAt()).isBetween(T0.plusSeconds(42), T0.plusSeconds(60));
        assertThat(f.impact().restarts()).isZero();
        assertThat(f.impact().baselineLatencyMs()).isLessThan(200.0);
        assertThat(f.impact().peakLatencyMs()).isGreaterThan(2000.0);
        assertThat(f.status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void theHybridSupersedesTheLatencyIncidentThatOpenedFirstThoughRestartsCameFasterThanTheQuietPeriod() {
        Run run = run(CompressedIncidents.hybrid(names()), CompressedIncidents.config(names()));
        assertThat(run.primary()).extracting(this::key)
                .containsExactly(Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY + "/" + names().s("front-end"));
        Finding hybrid = run.primary().get(0);
        assertThat(hybrid.impact().restarts()).isEqualTo(3);
        assertThat(hybrid.detectedAt()).isEqualTo(T0.plusSeconds(181));
        assertThat(run.all()).filteredOn(f -> f.signature().id().equals(Signatures.LATENCY_DEGRADATION))
                .as("the latency incident opened before the first restart and was held open until the hybrid explained it")
                .singleElement().satisfies(f -> assertThat(f.supersededBy()).isEqualTo(hybrid.incidentId()));
    }

    @Test
    void servicesCrashingUnderOneLoadAreOneExhaustionIncidentOfTheEntrypointAndNoDependencyOutage() {
        Run run = run(CompressedIncidents.crashUnderLoad(names()), CompressedIncidents.config(names()));
        assertThat(run.primary()).extracting(this::key)
                .containsExactly(Signatures.RESOURCE_EXHAUSTION_CRASH + "/" + names().s("front-end"));
        Finding f = run.primary().get(0);
        assertThat(f.impact().restartsByService()).containsKeys(names().s("front-end"), names().s("carts"), names().s("user"));
        assertThat(f.evaluation().localization()).contains(names().s("carts"), names().s("user"));
        assertThat(f.impact().oomKills()).isGreaterThanOrEqualTo(6);
        assertThat(run.all()).as("a callee crash-looping at its limit is not a dependency that went away")
                .noneMatch(x -> x.signature().id().equals(Signatures.DEPENDENCY_DOWN_INCONSISTENCY));
        assertThat(run.all()).filteredOn(x -> x != f).allSatisfy(x -> assertThat(x.supersededBy()).isEqualTo(f.incidentId()));
    }

    @Test
    void aLaterIncidentDoesNotSupersedeAnEarlierOneItOnlyListsAsAffected() {
        Run run = run(CompressedIncidents.latencyThenPaymentDown(names()), CompressedIncidents.config(names()));
        assertThat(run.primary()).extracting(this::key).containsExactly(
                Signatures.LATENCY_DEGRADATION + "/" + names().s("front-end"),
                Signatures.DEPENDENCY_DOWN_INCONSISTENCY + "/" + names().s("payment"));
        Finding payment = run.primary().get(1);
        assertThat(payment.affectedServices()).as("the front-end sees payment's failures").contains(names().s("front-end"));
        assertThat(payment.evaluation().localization()).doesNotContain(names().s("front-end"));
        assertThat(payment.impact().failedOrders().count()).isEqualTo(3);
    }
}
