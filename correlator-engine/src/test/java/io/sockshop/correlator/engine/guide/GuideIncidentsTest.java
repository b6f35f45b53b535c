package io.sockshop.correlator.engine.guide;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per guide incident, fed with record sequences shaped like the real formats: exactly one
 * primary incident with the right signature, root cause and fault type (the injector's ground truth),
 * impact numbers as the data set holds them, and the lifecycle ends RESOLVED. Subclasses run it on the
 * real Sock Shop names and on a topology where every service is renamed.
 */
abstract class GuideIncidentsTest {

    abstract Names names();

    CorrelatorConfig config() {
        return CorrelatorConfig.defaults().withTopology(names().topology());
    }

    Finding run(Scenario scenario, String signature, String rootCause, FaultType faultType) {
        try (Harness h = new Harness(config())) {
            h.pipeAll(scenario.events());
            List<Finding> primary = h.primaryIncidents();
            assertThat(primary).as("primary incidents").extracting(f -> f.signature().id() + "/"
                    + (f.rootCause() == null ? null : f.rootCause().service()))
                    .containsExactly(signature + "/" + names().s(rootCause));
            Finding f = primary.get(0);
            assertThat(f.evaluation().faultType()).isEqualTo(faultType);
            assertThat(f.evaluation().detected()).isTrue();
            assertThat(f.evaluation().localization().get(0)).isEqualTo(names().s(rootCause));
            assertThat(f.status()).as("lifecycle ends resolved").isEqualTo(IncidentStatus.RESOLVED);
            assertThat(f.incidentId()).startsWith(names().cluster() + "." + names().namespace() + "." + signature + "."
                    + names().s(rootCause) + ".");
            assertThat(h.latestByIncident().values()).allSatisfy(other -> {
                if (other != f) {
                    assertThat(other.supersededBy()).as("a non-primary incident is superseded by the primary one")
                            .isEqualTo(f.incidentId());
                }
            });
            assertThat(h.deadLetters()).isEmpty();
            return f;
        }
    }

    @Test
    void incident1CrashUnderLoadIsResourceExhaustionOfTheFrontEnd() {
        Finding f = run(GuideIncidents.crashUnderLoad(names()), Signatures.RESOURCE_EXHAUSTION_CRASH, "front-end",
                FaultType.RESOURCE_EXHAUSTION);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.impact().oomKills()).isEqualTo(4);
        assertThat(f.impact().restarts()).isEqualTo(4);
        assertThat(f.impact().restartsByService()).containsEntry(names().s("front-end"), 4);
        assertThat(f.impact().errorCount()).isGreaterThanOrEqualTo(20);
        assertThat(f.rootCause().reason()).contains("1000Mi").contains("OOMKilled x4");
        assertThat(f.firstSeen()).isEqualTo(GuideIncidents.T0.plusSeconds(660));
    }

    @Test
    void incident2HybridIsTheEntrypointBottleneckNotAnOutageNorABackendFault() {
        Finding f = run(GuideIncidents.hybrid(names()), Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY, "front-end",
                FaultType.CAPACITY_BOTTLENECK);
        assertThat(f.severity()).as("not reported as a full outage").isEqualTo(Severity.HIGH);
        assertThat(f.impact().restarts()).isEqualTo(5);
        assertThat(f.impact().oomKills()).isZero();
        assertThat(f.impact().peakLatencyMs()).isGreaterThan(f.impact().baselineLatencyMs() * 2);
        assertThat(f.affectedServices()).contains(names().s("catalogue"), names().s("user"));
    }

    @Test
    void incident4PureLatencyIsLatencyDegradationOfTheFrontEndNotACrash() {
        Finding f = run(GuideIncidents.pureLatency(names()), Signatures.LATENCY_DEGRADATION, "front-end",
                FaultType.PERFORMANCE_DEGRADATION);
        assertThat(f.impact().restarts()).isZero();
        assertThat(f.impact().peakLatencyMs()).isGreaterThan(2000);
        assertThat(f.impact().baselineLatencyMs()).as("APM and access-line latency of the front-end").isBetween(60.0, 110.0);
        assertThat(f.confidence().reasons()).anyMatch(r -> r.contains("CPU at"));
    }

    @Test
    void incident3PaymentDownIsDependencyDownWithFailedOrdersAndMoneyAtRisk() {
        Finding f = run(GuideIncidents.paymentDown(names()), Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment",
                FaultType.DEPENDENCY_UNAVAILABLE);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.impact().failedOrders().count()).isEqualTo(4);
        assertThat(f.impact().failedOrders().ids()).containsExactly(GuideIncidents.FAILED_ORDERS);
        assertThat(f.impact().failedOrders().first()).isEqualTo(GuideIncidents.T0.plusMillis(632_060));
        assertThat(f.impact().failedOrders().last()).isEqualTo(GuideIncidents.T0.plusMillis(722_060));
        assertThat(f.impact().moneyAtRisk()).isTrue();
        assertThat(f.impact().outageSeconds()).isEqualTo(179);
        assertThat(f.remediation().immediate()).anyMatch(r -> r.contains("Reconcile"));
        assertThat(f.remediation().immediate()).anyMatch(r -> r.contains("scale deployment/" + names().s("payment")));
        assertThat(f.affectedServices()).startsWith(names().s("payment"), names().s("orders"));
        assertThat(f.firstSeen()).isEqualTo(GuideIncidents.T0.plusMillis(600_500));
    }

    @Test
    void incident5ConsumerDownIsPublisherActiveConsumerAbsent() {
        Finding f = run(GuideIncidents.consumerDown(names()), Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT,
                "queue-master", FaultType.CONSUMER_UNAVAILABLE);
        assertThat(f.impact().messagesPublished()).isEqualTo(8);
        assertThat(f.impact().queueDepth()).isEqualTo(8);
        assertThat(f.confidence().reasons()).anyMatch(r -> r.contains("silent"));
        assertThat(f.detectedAt()).isEqualTo(GuideIncidents.T0.plusSeconds(615));
    }

    @Test
    void incident8DatastoreThrottleIsACascadeRootedAtTheDatastore() {
        Finding f = run(GuideIncidents.datastoreThrottle(names()), Signatures.DATASTORE_THROTTLE_CASCADE,
                "catalogue-db", FaultType.RESOURCE_THROTTLING);
        assertThat(f.affectedServices()).startsWith(names().s("catalogue-db"), names().s("catalogue"));
        assertThat(f.confidence().reasons()).anyMatch(r -> r.contains("CPU limit lowered to 50m from none"))
                .anyMatch(r -> r.contains("circuit breaker open"));
        assertThat(f.impact().peakLatencyMs()).isGreaterThan(1000);
        assertThat(f.firstSeen()).isEqualTo(GuideIncidents.T0.plusSeconds(599));
    }
}
