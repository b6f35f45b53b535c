package io.sockshop.correlator.engine.signatures;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.health.ServiceHealth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static io.sockshop.correlator.engine.fixtures.GuideIncidents.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signature by signature, with explicit timestamps: resource-saturation (no guide incident has it),
 * every look-alike the issue lists (none may fire), late and out-of-order input (same result), and
 * determinism (the same input gives byte-identical findings). Run on real and renamed names.
 */
abstract class SignaturesTest {

    abstract Names names();

    CorrelatorConfig config() {
        return CorrelatorConfig.defaults().withTopology(names().topology());
    }

    List<Finding> primary(List<CloudEvent<?>> events) {
        try (Harness h = new Harness(config())) {
            h.pipeAll(events);
            return h.primaryIncidents();
        }
    }

    Scenario calm(double until) {
        Fixtures f = new Fixtures(names(), T0);
        return new Scenario(f).addAll(0, f.steadyCluster(0)).background(0, until);
    }

    // ---------------------------------------------------------------- resource-saturation

    Scenario saturatedDatastore() {
        Fixtures f = new Fixtures(names(), T0);
        Scenario s = new Scenario(f).addAll(0, f.steadyCluster(0));
        s.background(0, 2400, new Scenario.Shape() {
            public double cpu(String svc, double t) {
                return svc.equals("catalogue-db") && t >= 600 && t < 1200 ? 0.98 : 0.2;
            }
        });
        s.add(590, f.deployment(590, "catalogue-db", 1, 1, "100m", "512Mi"));
        return s;
    }

    @Test
    void resourceSaturationOfADatastoreWithoutCallerSymptomsAndItsLifecycle() {
        List<Finding> found = primary(saturatedDatastore().events());
        assertThat(found).hasSize(1);
        Finding fd = found.get(0);
        assertThat(fd.signature().id()).isEqualTo(Signatures.RESOURCE_SATURATION);
        assertThat(fd.rootCause().service()).isEqualTo(names().s("catalogue-db"));
        assertThat(fd.evaluation().faultType()).isEqualTo(FaultType.RESOURCE_SATURATION);
        assertThat(fd.firstSeen()).isEqualTo(T0.plusMillis(600_100));
        assertThat(fd.detectedAt()).isEqualTo(T0.plusMillis(900_100));
        assertThat(fd.status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    // ---------------------------------------------------------------- look-alikes

    @Test
    void rollingUpdateScalingAnOldReplicaSetToZeroIsNoOutage() {
        Scenario s = calm(1500);
        Fixtures f = s.fixtures();
        for (int wording = 0; wording < 3; wording++) {
            double t = 600 + wording * 100;
            for (String svc : List.of("payment", "queue-master", "catalogue-db")) {
                s.add(t, f.scaledDown(t, svc, "0ld" + wording + "hash", wording));
                s.add(t + 1, f.deployment(t + 1, svc, 1, 1));
            }
            s.add(t + 5, f.orderStatus(t + 5, "68f35ccc8c07df000189e4f" + wording, "PAID"));
            s.add(t + 6, f.shipmentQueued(t + 6));
        }
        assertThat(primary(s.events())).isEmpty();
    }

    @Test
    void oneIsolatedRestartIsNoIncidentEvenAnOomKill() {
        Scenario s = calm(2400);
        Fixtures f = s.fixtures();
        s.add(600, f.restart(600, "front-end", "Error", 1, false));
        s.add(1500, f.restart(1500, "carts", "OOMKilled", 137, false));
        assertThat(primary(s.events())).isEmpty();
    }

    @Test
    void aTenUserLoadIsNoIncident() {
        Fixtures f = new Fixtures(names(), T0);
        Scenario s = new Scenario(f).addAll(0, f.steadyCluster(0));
        s.background(0, 1800, new Scenario.Shape() {
            public double latency(String svc, double t) {
                return t >= 600 && t < 1200 ? 1.6 : 1;
            }

            public double cpu(String svc, double t) {
                return t >= 600 && t < 1200 ? 0.45 : 0.2;
            }
        });
        assertThat(primary(s.events())).isEmpty();
    }

    @Test
    void aScaleDownOfAServiceNobodyComplainsAboutIsNoIncident() {
        Fixtures f = new Fixtures(names(), T0);
        Scenario s = new Scenario(f).addAll(0, f.steadyCluster(0));
        s.background(0, 1500, new Scenario.Shape() {
            public boolean silent(String svc, double t) {
                return (svc.equals("payment") || svc.equals("queue-master")) && t >= 600;
            }
        });
        for (String svc : List.of("payment", "queue-master")) {
            s.add(600, f.scaledDown(600, svc, "5d8f6c7b9", 1));
            s.add(600.5, f.deployment(600.5, svc, 0, 0));
            s.add(601, f.podDeleted(601, svc));
        }
        assertThat(primary(s.events())).isEmpty();
    }

    @Test
    void stderrHealthChecksMarkedErrorAreNotErrors() {
        try (Harness h = new Harness(config())) {
            h.pipeAll(calm(1800).events());
            assertThat(h.primaryIncidents()).isEmpty();
            List<ServiceHealth> health = h.health();
            ServiceHealth catalogue = health.stream().filter(x -> x.service().equals(names().s("catalogue")))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(catalogue.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(catalogue.errorsPerMinute()).isZero();
            assertThat(health.stream().filter(x -> x.service().equals(names().s("catalogue"))).count())
                    .as("health is throttled, not one record per signal").isLessThanOrEqualTo(1800 / 30 + 2);
        }
    }

    @Test
    void entrypointRestartsWithBackendRestartsAreNotTheEntrypointBottleneck() {
        Scenario s = GuideIncidents.hybrid(names());
        Fixtures f = s.fixtures();
        s.add(730, f.restart(730, "carts", "Error", 1, false));
        s.add(790, f.restart(790, "carts", "Error", 1, false));
        assertThat(primary(s.events())).extracting(x -> x.signature().id())
                .doesNotContain(Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY);
    }

    @Test
    void slownessWithoutACpuBoundServiceIsNotLatencyDegradation() {
        Fixtures f = new Fixtures(names(), T0);
        Scenario s = new Scenario(f).addAll(0, f.steadyCluster(0));
        s.background(0, 1800, new Scenario.Shape() {
            public double latency(String svc, double t) {
                return t >= 600 && t < 1000 ? 30 : 1;
            }
        });
        assertThat(primary(s.events())).isEmpty();
    }

    @Test
    void callerErrorsTowardAnotherServiceDoNotBlameTheServiceThatIsDown() {
        Scenario s = calm(1500);
        Fixtures f = s.fixtures();
        s.add(600, f.deployment(600, "session-db", 0, 0));
        for (double t = 620; t < 700; t += 20) {
            s.add(t, f.refusedToward(t, "shipping", "/shipping"));
        }
        assertThat(primary(s.events())).isEmpty();
    }

    // ---------------------------------------------------------------- event time

    /** Each 10-second slice of the input reversed: records arrive up to 10 s late and out of order, across sources. */
    static List<CloudEvent<?>> lateAndOutOfOrder(List<CloudEvent<?>> events) {
        List<CloudEvent<?>> out = new ArrayList<>();
        List<CloudEvent<?>> slice = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        for (CloudEvent<?> e : events) {
            long b = e.time().toEpochMilli() / 10_000;
            if (b != bucket && !slice.isEmpty()) {
                java.util.Collections.reverse(slice);
                out.addAll(slice);
                slice.clear();
            }
            bucket = b;
            slice.add(e);
        }
        java.util.Collections.reverse(slice);
        out.addAll(slice);
        return out;
    }

    /** Datadog logs arrive {@code lagSeconds} after the Kubernetes and metric records of the same moment (indexing lag). */
    static List<CloudEvent<?>> logsLagging(List<CloudEvent<?>> events, long lagSeconds) {
        List<CloudEvent<?>> out = new ArrayList<>(events);
        out.sort(Comparator.comparing(e -> e.type().endsWith("datadog.log.v1") ? e.time().plusSeconds(lagSeconds) : e.time()));
        return out;
    }

    void sameResultWithLaggingLogs(Scenario scenario) {
        List<CloudEvent<?>> inOrder = scenario.events();
        List<Essence> expected = primary(inOrder).stream().map(Essence::of).toList();
        assertThat(expected).hasSize(1);
        assertThat(primary(logsLagging(inOrder, 45)).stream().map(Essence::of).toList()).isEqualTo(expected);
    }

    @Test
    void dependencyDownGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.paymentDown(names()));
    }

    @Test
    void consumerAbsentGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.consumerDown(names()));
    }

    @Test
    void exhaustionGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.crashUnderLoad(names()));
    }

    @Test
    void hybridGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.hybrid(names()));
    }

    @Test
    void latencyGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.pureLatency(names()));
    }

    @Test
    void cascadeGivesTheSameResultWhenLogsLag45Seconds() {
        sameResultWithLaggingLogs(GuideIncidents.datastoreThrottle(names()));
    }

    record Essence(String signature, String root, IncidentStatus status, Object impact, java.time.Instant firstSeen,
                   java.time.Instant detectedAt, List<String> affected) {
        static Essence of(Finding f) {
            return new Essence(f.signature().id(), f.rootCause() == null ? null : f.rootCause().service(), f.status(),
                    f.impact(), f.firstSeen(), f.detectedAt(), f.affectedServices());
        }
    }

    void sameResultLateAndOutOfOrder(Scenario scenario) {
        List<CloudEvent<?>> inOrder = scenario.events();
        List<Essence> expected = primary(inOrder).stream().map(Essence::of).toList();
        List<Essence> shuffled = primary(lateAndOutOfOrder(inOrder)).stream().map(Essence::of).toList();
        assertThat(expected).hasSize(1);
        assertThat(shuffled).isEqualTo(expected);
    }

    @Test
    void dependencyDownGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.paymentDown(names()));
    }

    @Test
    void consumerAbsentGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.consumerDown(names()));
    }

    @Test
    void exhaustionGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.crashUnderLoad(names()));
    }

    @Test
    void cascadeGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.datastoreThrottle(names()));
    }

    @Test
    void hybridGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.hybrid(names()));
    }

    @Test
    void latencyGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(GuideIncidents.pureLatency(names()));
    }

    @Test
    void saturationGivesTheSameResultLateAndOutOfOrder() {
        sameResultLateAndOutOfOrder(saturatedDatastore());
    }

    @Test
    void theSameInputGivesByteIdenticalFindings() {
        List<CloudEvent<?>> events = GuideIncidents.paymentDown(names()).events();
        Function<List<CloudEvent<?>>, List<String>> run = in -> {
            try (Harness h = new Harness(config())) {
                h.pipeAll(in);
                EventCodec<Finding> codec = new EventCodec<>(EventType.FINDING);
                return h.findings().stream().map(e -> new String(codec.encode(e))).toList();
            }
        };
        List<String> first = run.apply(events);
        assertThat(first).hasSizeGreaterThan(2);
        assertThat(run.apply(events)).isEqualTo(first);
    }
}
