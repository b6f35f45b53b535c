package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.SlotBaseline;

import java.time.Duration;

/**
 * Thresholds of the detectors. Defaults are set from the incident guide's numbers and the real
 * formats; every one can be changed in the configuration (docs/correlator.md lists them).
 *
 * @param restartWindow            restarts count when they fall in this window before now
 * @param exhaustionMinRestarts    restarts of one service (with an OOM kill or memory at its limit) for resource-exhaustion-crash
 * @param entrypointMinRestarts    entrypoint restarts (no OOM kill) for entrypoint-crash-backend-latency
 * @param backendLatencyRatio      a backend is "slower" at this multiple of its baseline
 * @param latencyRatio             latency-degradation fires at this multiple of the baseline
 * @param latencyMinMs             ... and only when the recent latency is at least this high
 * @param highCpuRatio             CPU usage over limit that counts as high (latency root cause)
 * @param limitRatio               usage over limit that counts as "at the limit" (throttling, memory before an OOM)
 * @param cascadeLatencyRatio      a datastore's caller is slowed at this multiple of its baseline
 * @param saturationSustain        resource-saturation needs usage at the limit this long
 * @param minPublished             messages published to a queue without consumer before publisher-active-consumer-absent fires
 * @param dependencyErrorLookback  caller errors count toward a dependency outage up to this long before it (watch lag)
 * @param activeWindow             an incident's symptoms are "current" while seen within this window
 * @param baselineSlot             latency baselines keep one mean per slot of this length
 * @param baselineWarmupSlots      earlier slots with samples needed before a baseline is given
 * @param baselineRecent           the recent level is the mean over this window (whole slots, the current one included)
 * @param anomaly                  learned CPU and memory baselines and the resource-anomaly rules
 */
public record DetectionSettings(Duration restartWindow, int exhaustionMinRestarts, int entrypointMinRestarts,
                                double backendLatencyRatio, double latencyRatio, double latencyMinMs,
                                double highCpuRatio, double limitRatio, double cascadeLatencyRatio,
                                Duration saturationSustain, int minPublished, Duration dependencyErrorLookback,
                                Duration activeWindow, Duration baselineSlot, int baselineWarmupSlots,
                                Duration baselineRecent, AnomalySettings anomaly) {

    public static DetectionSettings defaults() {
        return new DetectionSettings(Duration.ofMinutes(10), 2, 3, 2.0, 5.0, 1000.0, 0.8, 0.9, 3.0,
                Duration.ofMinutes(5), 1, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), 3,
                Duration.ofMinutes(2));
    }

    /** The settings without anomaly settings of their own: the default resource baselines and anomaly rules. */
    public DetectionSettings(Duration restartWindow, int exhaustionMinRestarts, int entrypointMinRestarts,
                             double backendLatencyRatio, double latencyRatio, double latencyMinMs, double highCpuRatio,
                             double limitRatio, double cascadeLatencyRatio, Duration saturationSustain, int minPublished,
                             Duration dependencyErrorLookback, Duration activeWindow, Duration baselineSlot,
                             int baselineWarmupSlots, Duration baselineRecent) {
        this(restartWindow, exhaustionMinRestarts, entrypointMinRestarts, backendLatencyRatio, latencyRatio, latencyMinMs,
                highCpuRatio, limitRatio, cascadeLatencyRatio, saturationSustain, minPublished, dependencyErrorLookback,
                activeWindow, baselineSlot, baselineWarmupSlots, baselineRecent, AnomalySettings.defaults());
    }

    /** These settings with other resource-baseline and anomaly settings. */
    public DetectionSettings withAnomaly(AnomalySettings a) {
        return new DetectionSettings(restartWindow, exhaustionMinRestarts, entrypointMinRestarts, backendLatencyRatio,
                latencyRatio, latencyMinMs, highCpuRatio, limitRatio, cascadeLatencyRatio, saturationSustain, minPublished,
                dependencyErrorLookback, activeWindow, baselineSlot, baselineWarmupSlots, baselineRecent, a);
    }

    /** An empty latency baseline with these settings' slots, warm-up and recent window. */
    public SlotBaseline baseline() {
        return SlotBaseline.of(baselineSlot, baselineWarmupSlots, baselineRecent);
    }

    /** These settings with other baseline timings (a compressed run: the demo, a sped-up replay). */
    public DetectionSettings withBaseline(Duration slot, int warmupSlots, Duration recent) {
        return new DetectionSettings(restartWindow, exhaustionMinRestarts, entrypointMinRestarts, backendLatencyRatio,
                latencyRatio, latencyMinMs, highCpuRatio, limitRatio, cascadeLatencyRatio, saturationSustain, minPublished,
                dependencyErrorLookback, activeWindow, slot, warmupSlots, recent, anomaly);
    }

    public DetectionSettings {
        if (anomaly == null) {
            throw new IllegalArgumentException("anomaly settings are required");
        }
        positive(restartWindow, "restartWindow");
        positive(saturationSustain, "saturationSustain");
        positive(activeWindow, "activeWindow");
        positive(baselineSlot, "baseline-slot");
        positive(baselineRecent, "baseline-recent");
        if (baselineRecent.compareTo(baselineSlot) < 0) {
            throw new IllegalArgumentException("baseline-recent (" + baselineRecent + ") must be at least one baseline-slot ("
                    + baselineSlot + ")");
        }
        SlotBaseline.of(baselineSlot, baselineWarmupSlots, baselineRecent); // slot length, warm-up and window must fit the ring
        if (dependencyErrorLookback == null || dependencyErrorLookback.isNegative()) {
            throw new IllegalArgumentException("dependencyErrorLookback must not be negative");
        }
        if (exhaustionMinRestarts < 1 || entrypointMinRestarts < 1 || minPublished < 1) {
            throw new IllegalArgumentException("restart and publish thresholds must be at least 1");
        }
        if (!(latencyRatio > 1) || !(backendLatencyRatio > 1) || !(cascadeLatencyRatio > 1)) {
            throw new IllegalArgumentException("latency ratios must be greater than 1");
        }
        if (!(highCpuRatio > 0 && highCpuRatio <= 2) || !(limitRatio > 0 && limitRatio <= 2)) {
            throw new IllegalArgumentException("usage ratios must be in (0, 2]");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
