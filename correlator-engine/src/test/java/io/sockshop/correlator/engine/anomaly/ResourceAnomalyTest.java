package io.sockshop.correlator.engine.anomaly;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.engine.fixtures.UsageTraffic;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Signatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * resource-anomaly through the real topology (TopologyTestDriver, explicit event times): fourteen services,
 * no limit anywhere, CPU and memory as the kubelet check reports them with noise, 10-second and 1-minute
 * samples, with and without gaps. Default settings: 1-minute slots, 15 warm-up slots, 5 minutes sustained.
 */
class ResourceAnomalyTest {

    static final Names N = Names.SOCK_SHOP;
    /** Normal traffic for this long before the fault: past the 15-minute warm-up. */
    static final double FAULT_AT = 1800;

    static CorrelatorConfig config() {
        return CorrelatorConfig.defaults().withTopology(N.topology());
    }

    static boolean in(double t, double from, double to) {
        return t >= from && t < to;
    }

    /** Two-minute holes in every series every ten minutes (the agent or the collector was away). */
    static boolean gap(double t) {
        return in(t % 600, 300, 420);
    }

    static List<CloudEvent<?>> traffic(double until, double interval, boolean gaps, UsageTraffic.Shape shape) {
        Fixtures f = new Fixtures(N, GuideIncidents.T0);
        UsageTraffic u = new UsageTraffic(f, 42, true);
        UsageTraffic.Shape withGaps = !gaps ? shape : new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return shape.cpu(s, t);
            }

            public double memory(String s, String pod, double t) {
                return shape.memory(s, pod, t);
            }

            public List<String> pods(String s, double t, Fixtures fx) {
                return shape.pods(s, t, fx);
            }

            public boolean silent(String s, double t) {
                return gap(t) || shape.silent(s, t);
            }
        };
        return new Scenario(f).addAll(0, u.cluster(0)).addAll(0, u.samples(0, until, interval, withGaps)).events();
    }

    static List<Finding> anomalies(List<CloudEvent<?>> events) {
        try (Harness h = new Harness(config())) {
            h.pipeAll(events);
            assertThat(h.deadLetters()).isEmpty();
            List<Finding> all = h.primaryIncidents();
            assertThat(all).as("no other signature fires on usage alone")
                    .allSatisfy(x -> assertThat(x.signature().id()).isEqualTo(Signatures.RESOURCE_ANOMALY));
            return all;
        }
    }

    static final UsageTraffic.Shape CPU_HOG = new UsageTraffic.Shape() {
        public double cpu(String s, double t) {
            return s.equals("catalogue-db") && t >= FAULT_AT ? 20 : 1;
        }
    };

    static final UsageTraffic.Shape MEMORY_LEAK = new UsageTraffic.Shape() {
        public double memory(String s, double t) {
            return s.equals("carts") && t >= FAULT_AT ? 1 + (t - FAULT_AT) / 600 : 1;
        }
    };

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("CPU hog, 10 s samples", CPU_HOG, "catalogue-db", 10.0, false, "CPU"),
                Arguments.of("CPU hog, 1 min samples", CPU_HOG, "catalogue-db", 60.0, false, "CPU"),
                Arguments.of("CPU hog, 10 s samples with gaps", CPU_HOG, "catalogue-db", 10.0, true, "CPU"),
                Arguments.of("CPU hog, 1 min samples with gaps", CPU_HOG, "catalogue-db", 60.0, true, "CPU"),
                Arguments.of("memory leak, 10 s samples", MEMORY_LEAK, "carts", 10.0, false, "memory"),
                Arguments.of("memory leak, 1 min samples", MEMORY_LEAK, "carts", 60.0, false, "memory"),
                Arguments.of("memory leak, 10 s samples with gaps", MEMORY_LEAK, "carts", 10.0, true, "memory"),
                Arguments.of("memory leak, 1 min samples with gaps", MEMORY_LEAK, "carts", 60.0, true, "memory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultOnOneServiceAmongManyWithoutLimitsIsFoundAndLocalisedFirst(String name, UsageTraffic.Shape shape,
                                                                          String culprit, double interval, boolean gaps,
                                                                          String resource) {
        List<Finding> found = anomalies(traffic(FAULT_AT + 1500, interval, gaps, shape));
        assertThat(found).as(name).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.rootCause().service()).isEqualTo(culprit);
        assertThat(f.evaluation().localization()).first().isEqualTo(culprit);
        assertThat(f.evaluation().faultType()).isEqualTo(FaultType.RESOURCE_ANOMALY);
        assertThat(f.rootCause().reason()).startsWith(resource + " ");
        assertThat(f.confidence().reasons()).anyMatch(r -> r.contains("has no " + resource + " limit"));
        // Found once sustained: at least the sustain time after the fault began, and well before the data ends.
        Instant faultAt = GuideIncidents.T0.plusSeconds((long) FAULT_AT);
        assertThat(f.detectedAt()).isAfterOrEqualTo(faultAt.plusSeconds(300)).isBefore(faultAt.plusSeconds(1200));
        assertThat(f.evidence()).isNotEmpty();
    }

    @Test
    void noFindingWhileTheBaselineWarmsUp() {
        UsageTraffic.Shape early = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return s.equals("catalogue-db") && t >= 300 ? 20 : 1;
            }

            public double memory(String s, double t) {
                return s.equals("carts") && t >= 300 ? 1 + (t - 300) / 600 : 1;
            }
        };
        assertThat(anomalies(traffic(1500, 10, false, early))).isEmpty();
    }

    @Test
    void aPlannedLoadThatLiftsEverythingALittleDoesNotFire() {
        UsageTraffic.Shape load = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return t >= FAULT_AT ? 1.7 : 1;
            }

            public double memory(String s, double t) {
                return t >= FAULT_AT ? 1.25 : 1;
            }
        };
        assertThat(anomalies(traffic(FAULT_AT + 3600, 10, false, load))).isEmpty();
    }

    @Test
    void aLoadSurgeThatLiftsEverythingALotIsLeftToTheLoadSignatures() {
        // Three times the traffic: the entrypoint and every service busier at once is load, not one service's fault.
        UsageTraffic.Shape surge = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return t >= FAULT_AT ? 3 : 1;
            }
        };
        assertThat(anomalies(traffic(FAULT_AT + 1800, 10, false, surge))).isEmpty();
    }

    @Test
    void pureLatencyWithoutLimitsAfterAnHourIsLatencyDegradationCpuBoundByItsBaseline() {
        // Guide incident 4 on a cluster without limits, after half an hour of normal traffic: the front-end 6x
        // its CPU and 25x its latency, the other services 2.5x their CPU. A load, not one service's resource fault.
        UsageTraffic.Shape load = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                if (t < FAULT_AT) {
                    return 1;
                }
                return s.equals("front-end") ? 6 : N.topology().role(s) == io.sockshop.correlator.engine.app.ServiceRole.SERVICE
                        ? 2.5 : 1;
            }
        };
        Fixtures f = new Fixtures(N, GuideIncidents.T0);
        Scenario s = new Scenario(f).addAll(0, new UsageTraffic(f, 42, true).cluster(0))
                .addAll(0, new UsageTraffic(f, 42, true).samples(0, FAULT_AT + 900, 10, load));
        for (double t = 0; t < FAULT_AT + 900; t += 10) {
            s.add(t, f.latency(t + 0.3, "front-end", 0.12 * (t >= FAULT_AT ? 25 : 1) * (0.9 + 0.2 * ((long) t % 7) / 7)));
        }
        try (Harness h = new Harness(config())) {
            h.pipeAll(s.events());
            assertThat(h.primaryIncidents()).extracting(x -> x.signature().id() + "/" + x.rootCause().service())
                    .containsExactly(Signatures.LATENCY_DEGRADATION + "/front-end");
            assertThat(h.primaryIncidents().get(0).rootCause().reason()).contains("its learned baseline, no limit set");
        }
    }

    @Test
    void aDeploymentRestartThatResetsMemoryDoesNotFire() {
        // At FAULT_AT carts rolls out: the old pod goes, a new one starts with a start-up CPU burst and a
        // small heap that grows back to its usual size over 15 minutes.
        UsageTraffic.Shape rollout = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return s.equals("carts") && in(t, FAULT_AT, FAULT_AT + 90) ? 4 : 1;
            }

            public double memory(String s, String pod, double t) {
                return s.equals("carts") && t >= FAULT_AT ? Math.min(1, 0.4 + 0.6 * (t - FAULT_AT) / 900) : 1;
            }

            public List<String> pods(String s, double t, Fixtures f) {
                return s.equals("carts") && t >= FAULT_AT ? List.of(N.s("carts") + "-6f9d8c7b5-q8zrt") : List.of(f.podName(s));
            }
        };
        assertThat(anomalies(traffic(FAULT_AT + 3600, 10, false, rollout))).isEmpty();
    }

    @Test
    void aShortSpikeUnderTheSustainTimeDoesNotFire() {
        UsageTraffic.Shape spike = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return s.equals("catalogue-db") && in(t, FAULT_AT, FAULT_AT + 240) ? 20 : 1;
            }

            public double memory(String s, double t) {
                return s.equals("carts") && in(t, FAULT_AT + 900, FAULT_AT + 1140) ? 2.5 : 1;
            }
        };
        assertThat(anomalies(traffic(FAULT_AT + 2400, 10, false, spike))).isEmpty();
    }

    @Test
    void aServiceIdleAtNightDoesNotFireWhenTheMorningComes() {
        // 20:00 busy until midnight, idle (a tenth of the CPU) until 08:00, busy again until noon.
        UsageTraffic.Shape night = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return in(t, 4 * 3600, 12 * 3600) ? 0.1 : 1;
            }

            public double memory(String s, double t) {
                return in(t, 4 * 3600, 12 * 3600) ? 0.85 : 1;
            }
        };
        assertThat(anomalies(traffic(16 * 3600, 60, false, night))).isEmpty();
    }

    @Test
    void suspectsAreRankedByTopologyThenByHowFarTheyLeftTheirBaseline() {
        // catalogue-db starts first; catalogue (its caller) and front-end (the caller's caller) follow and
        // deviate further; rabbitmq, linked to none of them by a call, deviates the least.
        UsageTraffic.Shape cascade = new UsageTraffic.Shape() {
            public double cpu(String s, double t) {
                return switch (s) {
                    case "catalogue-db" -> t >= FAULT_AT ? 10 : 1;
                    case "rabbitmq" -> t >= FAULT_AT + 60 ? 6 : 1;
                    case "catalogue" -> t >= FAULT_AT + 120 ? 40 : 1;
                    case "front-end" -> t >= FAULT_AT + 180 ? 6 : 1;
                    default -> 1;
                };
            }
        };
        List<Finding> found = anomalies(traffic(FAULT_AT + 1200, 10, false, cascade));
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.evaluation().localization()).containsExactly("catalogue-db", "rabbitmq", "catalogue", "front-end");
        assertThat(f.rootCause().service()).isEqualTo("catalogue-db");
        assertThat(f.confidence().reasons()).anyMatch(r -> r.startsWith("catalogue (pod ") && r.contains(" CPU ")
                && r.endsWith("follows a deviating dependency"));
    }

    @Test
    void onePodLeakingAmongItsReplicasIsFoundAndNamed() {
        String leaking = N.s("orders") + "-7c9f6d5b8-k2x4m";
        UsageTraffic.Shape replicas = new UsageTraffic.Shape() {
            public List<String> pods(String s, double t, Fixtures f) {
                return s.equals("orders") ? List.of(N.s("orders") + "-7c9f6d5b8-a1b2c", N.s("orders") + "-7c9f6d5b8-d3e4f",
                        leaking) : List.of(f.podName(s));
            }

            public double memory(String s, String pod, double t) {
                return pod.equals(leaking) && t >= FAULT_AT ? 1 + (t - FAULT_AT) / 600 : 1;
            }
        };
        List<Finding> found = anomalies(traffic(FAULT_AT + 1500, 10, false, replicas));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).rootCause().service()).isEqualTo("orders");
        assertThat(found.get(0).confidence().reasons()).anyMatch(r -> r.contains("(pod " + leaking + ") memory"));
    }
}
