package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.incident.IncidentRecord;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.health.ServiceHealth;
import io.sockshop.correlator.model.k8s.ResourceList;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The service-health picture, throttled: published when a service's status word or its open incidents
 * change, otherwise at
 * most every {@code interval} of event time and only when something in it changed.
 */
final class HealthPublisher {

    private static final long RECENT = Duration.ofMinutes(10).toMillis();

    private final Duration interval;

    HealthPublisher(Duration interval) {
        this.interval = interval;
    }

    /** The health to publish now, or null when throttled. */
    ServiceHealth next(ApplicationKey app, ServiceState s, AppState appState, List<IncidentRecord> open, long now) {
        HealthStatus status = status(s, open, now);
        List<String> incidents = open.isEmpty() ? List.of()
                : open.stream().filter(r -> r.covers(s.service)).map(r -> r.incidentId).sorted().toList();
        AppState.HealthMark mark = appState.health.get(s.service);
        boolean statusChanged = mark == null || !mark.status().equals(status.name())
                || mark.incidents() != incidents.hashCode();
        if (!statusChanged && now - mark.time() < interval.toMillis()) {
            return null; // the common case, decided before building anything
        }
        int recent = s.restartsBetween(now - RECENT, now);
        int restartTotal = 0;
        for (int count : s.podRestarts.values()) {
            restartTotal += count;
        }
        var recentLatency = s.latency.recent(now);
        Double latency = recentLatency.isPresent() ? round(recentLatency.getAsDouble()) : null;
        Double cpu = Double.isNaN(s.cpuMilli) ? null : round(s.cpuMilli);
        Double mem = Double.isNaN(s.memBytes) ? null : (double) Math.round(s.memBytes);
        long errors = s.errors.between(now - 60_000, now);
        String waiting = s.podWaiting.values().stream().sorted().findFirst().orElse(null);
        var last = s.restarts.isEmpty() ? null : s.restarts.get(s.restarts.size() - 1);
        int fingerprint = Objects.hash(status, s.desired, s.available, recent, restartTotal, waiting, incidents,
                s.cpuLimitMilli, s.memLimitBytes, bucket(cpu), bucket(mem), bucket(latency), errors);
        if (!statusChanged && mark.fingerprint() == fingerprint) {
            return null;
        }
        appState.health.put(s.service, new AppState.HealthMark(status.name(), now, fingerprint, incidents.hashCode()));
        ResourceList limits = s.cpuLimitMilli > 0 || s.memLimitBytes > 0
                ? new ResourceList(s.cpuLimitMilli > 0 ? s.cpuLimitMilli + "m" : null,
                s.memLimitBytes > 0 ? memoryQuantity(s.memLimitBytes) : null) : null;
        return new ServiceHealth(app.toString(), s.service, status, s.desired >= 0 ? s.desired : null,
                s.available >= 0 ? s.available : null, restartTotal, recent, last == null ? null : last.reason(),
                last == null ? null : last.exitCode(), waiting, null, limits, cpu, mem, latency, (double) errors,
                incidents, Instant.ofEpochMilli(now));
    }

    private HealthStatus status(ServiceState s, List<IncidentRecord> open, long now) {
        if (s.available == 0 || s.crashLoopSince > 0) {
            return HealthStatus.DOWN;
        }
        boolean degraded = s.restartsBetween(now - RECENT, now) > 0
                || s.probeFailures.between(now - RECENT, now) > 0
                || s.cpuHighSince > 0 || s.memHighSince > 0
                || open.stream().anyMatch(r -> r.covers(s.service));
        if (degraded) {
            return HealthStatus.DEGRADED;
        }
        return s.available > 0 || !Double.isNaN(s.cpuMilli) || s.lastLogAt > 0 ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
    }

    /** Bytes as the Kubernetes quantity a manifest would say: {@code 200Mi}, {@code 1Gi}, else plain bytes. */
    static String memoryQuantity(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "Gi";
        }
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + "Mi" : Long.toString(bytes);
    }

    private static Double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Coarse buckets so that noise in a gauge does not republish the picture. */
    private static long bucket(Double v) {
        return v == null ? -1 : Math.round(Math.log1p(Math.max(0, v)) * 4);
    }
}
