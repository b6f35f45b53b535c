package io.sockshop.correlator.sandbox.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The kubelet's HTTP probes: every {@code periodSeconds} after {@code initialDelaySeconds} (scaled like
 * the kubelet's other delays), a probe slower than {@code timeoutSeconds} fails with "context deadline
 * exceeded". A failing readiness probe is reported (Unhealthy); after {@code failureThreshold}
 * consecutive liveness failures the container is killed with SIGTERM (reason Error, exit 143) and
 * restarted, with "Container x failed liveness probe, will be restarted".
 */
public final class LivenessProber {

    private record ProbeState(Instant nextProbe, int failures) {
    }

    private final Kubelet kubelet;
    private final double delayScale;
    private final Map<String, ProbeState> states = new HashMap<>();

    public LivenessProber(Kubelet kubelet, double delayScale) {
        this.kubelet = kubelet;
        this.delayScale = delayScale;
    }

    /** @param latencyMs how long the pod's probe endpoint takes to answer now */
    public void probe(Instant now, ToDoubleFunction<PodRecord> latencyMs) {
        for (PodRecord pod : kubelet.pods()) {
            ContainerRuntime container = pod.mainContainer();
            Container spec = pod.pod().getSpec().getContainers().get(0);
            String key = pod.uid() + "/" + container.restartCount();
            if (pod.terminating() || !container.running()) {
                states.remove(key);
                continue;
            }
            Probe liveness = spec.getLivenessProbe();
            Probe readiness = spec.getReadinessProbe();
            if (liveness == null && readiness == null) {
                continue;
            }
            Probe schedule = liveness != null ? liveness : readiness;
            ProbeState state = states.computeIfAbsent(key, k -> new ProbeState(
                    container.startedAt().plus(scaled(seconds(schedule.getInitialDelaySeconds(), 0))), 0));
            if (now.isBefore(state.nextProbe())) {
                continue;
            }
            Duration period = Duration.ofSeconds(seconds(schedule.getPeriodSeconds(), 10));
            double timeoutMs = seconds(schedule.getTimeoutSeconds(), 1) * 1000.0;
            boolean failed = latencyMs.applyAsDouble(pod) > timeoutMs;
            int failures = failed ? state.failures() + 1 : 0;
            states.put(key, new ProbeState(now.plus(period), failures));
            if (!failed) {
                continue;
            }
            String target = "\"http://" + pod.ip() + ":" + port(schedule) + path(schedule)
                    + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
            if (readiness != null) {
                kubelet.probeFailed(pod, container.name(), "Readiness probe failed: Get " + target, now);
            }
            if (liveness != null) {
                kubelet.probeFailed(pod, container.name(), "Liveness probe failed: Get " + target, now);
                if (failures >= seconds(liveness.getFailureThreshold(), 3)) {
                    kubelet.killedByLiveness(pod, container.name(), now);
                    states.remove(key);
                }
            }
        }
    }

    private Duration scaled(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000L * delayScale));
    }

    private static int seconds(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String port(Probe probe) {
        return probe.getHttpGet() == null || probe.getHttpGet().getPort() == null ? "80"
                : String.valueOf(probe.getHttpGet().getPort().getValue());
    }

    private static String path(Probe probe) {
        return probe.getHttpGet() == null || probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
    }
}
