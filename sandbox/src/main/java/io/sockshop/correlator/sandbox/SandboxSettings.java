package io.sockshop.correlator.sandbox;

import io.sockshop.correlator.sandbox.k8s.ScalingWording;
import io.sockshop.correlator.sandbox.logs.ServiceNaming;

import java.time.Duration;

/**
 * Everything that shapes a sandbox run.
 *
 * @param probeDelayScale  multiplies the manifest's readiness delays (catalogue, payment and user wait
 *                         180 s, the front-end 30 s); the demo shortens them
 * @param gracePeriod      how long a deleted pod takes to go
 * @param metricInterval   the Agent's check interval
 * @param ingestionDelay   how long until a log is searchable, as in Datadog
 * @param baselineUsers    users browsing all the time, so that quiet is not a clue
 * @param rateLimit        requests per endpoint per rate-limit period on the Datadog API
 */
public record SandboxSettings(String cluster, String namespace, int kubernetesPort, int datadogPort, long seed,
                              ScalingWording wording, ServiceNaming naming, double probeDelayScale,
                              Duration gracePeriod, Duration metricInterval, Duration ingestionDelay,
                              double baselineUsers, Duration tick, int rateLimit, Duration rateLimitPeriod) {

    public SandboxSettings {
        if (probeDelayScale < 0) {
            throw new IllegalArgumentException("probe-delay-scale must not be negative, was " + probeDelayScale);
        }
        if (metricInterval.isNegative() || metricInterval.isZero()) {
            throw new IllegalArgumentException("metric-interval must be positive, was " + metricInterval);
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, was " + tick);
        }
        if (baselineUsers < 0) {
            throw new IllegalArgumentException("baseline-users must not be negative, was " + baselineUsers);
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings("kind-sockshop", "sock-shop", 0, 0, 42, ScalingWording.TO_FROM,
                ServiceNaming.SHORT_IMAGE, 1.0, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2),
                5, Duration.ofSeconds(1), 1000, Duration.ofSeconds(60));
    }

    public SandboxSettings withPorts(int kubernetes, int datadog) {
        return new SandboxSettings(cluster, namespace, kubernetes, datadog, seed, wording, naming, probeDelayScale,
                gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withProbeDelayScale(double scale) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, seed, wording, naming, scale,
                gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withMetricInterval(Duration interval) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, seed, wording, naming, probeDelayScale,
                gracePeriod, interval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withWording(ScalingWording scalingWording) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, seed, scalingWording, naming,
                probeDelayScale, gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withNaming(ServiceNaming serviceNaming) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, seed, wording, serviceNaming,
                probeDelayScale, gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withSeed(long newSeed) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, newSeed, wording, naming,
                probeDelayScale, gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, rateLimit, rateLimitPeriod);
    }

    public SandboxSettings withRateLimit(int limit, Duration period) {
        return new SandboxSettings(cluster, namespace, kubernetesPort, datadogPort, seed, wording, naming,
                probeDelayScale, gracePeriod, metricInterval, ingestionDelay, baselineUsers, tick, limit, period);
    }
}
