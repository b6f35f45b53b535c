package io.sockshop.correlator.demo;

import io.sockshop.correlator.sandbox.SandboxSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The demo runs each incident for well under a minute instead of the guide's minutes, so the
 * services poll, evaluate, resolve and score on a matching scale. Only timings change: detectors
 * keep their rules, ratios and counts (docs/signatures.md, thresholds).
 */
final class DemoTimings {

    /** Latency baselines: one mean per 5 s instead of per minute; 3 earlier slots before judging; the last 10 s are "recent". */
    static final Duration BASELINE_SLOT = Duration.ofSeconds(5);
    static final int BASELINE_WARMUP_SLOTS = 3;
    static final Duration BASELINE_RECENT = Duration.ofSeconds(10);

    /**
     * The manifest's probe delays (front-end liveness 300 s, readiness 30-180 s) at 1 %: the front-end's
     * liveness probe starts 3 s after a restart instead of 5 minutes, so that 750 users can make it fail
     * (and the kubelet restart it) several times in a one-minute run, as it does over the guide's 8 minutes.
     * The kubelet's own timings (probe period, the 10 s crash-loop back-off) stay real.
     */
    static final double PROBE_DELAY_SCALE = 0.01;

    /** The Datadog Agent's check interval: 5 s instead of 10 s, so that a half-minute incident has enough points. */
    static final Duration METRIC_INTERVAL = Duration.ofSeconds(5);

    private DemoTimings() {
    }

    static SandboxSettings sandbox() {
        return SandboxSettings.defaults().withProbeDelayScale(PROBE_DELAY_SCALE).withMetricInterval(METRIC_INTERVAL);
    }

    static Map<String, String> collector() {
        return Map.of(
                "COLLECTOR_DATADOG_LOGS_INTERVAL", "2s",
                "COLLECTOR_DATADOG_LOGS_OVERLAP", "20s",
                "COLLECTOR_DATADOG_METRICS_INTERVAL", "5s",
                "COLLECTOR_DATADOG_METRICS_OVERLAP", "30s",
                "COLLECTOR_DATADOG_INITIAL_LOOKBACK", "2m");
    }

    static Map<String, String> correlator() {
        return Map.ofEntries(
                Map.entry("CORRELATOR_QUIET_PERIOD", "15S"),
                Map.entry("CORRELATOR_UPDATE_INTERVAL", "10S"),
                Map.entry("CORRELATOR_EVALUATION_INTERVAL", "2S"),
                Map.entry("CORRELATOR_HEALTH_INTERVAL", "10S"),
                Map.entry("CORRELATOR_SCORING_GRACE", "15S"),
                Map.entry("CORRELATOR_DETECTION_RESTART_WINDOW", "40S"),
                Map.entry("CORRELATOR_DETECTION_ACTIVE_WINDOW", "20S"),
                Map.entry("CORRELATOR_DETECTION_SATURATION_SUSTAIN", "30S"),
                Map.entry("CORRELATOR_DETECTION_BASELINE_SLOT", iso(BASELINE_SLOT)),
                Map.entry("CORRELATOR_DETECTION_BASELINE_WARMUP_SLOTS", Integer.toString(BASELINE_WARMUP_SLOTS)),
                Map.entry("CORRELATOR_DETECTION_BASELINE_RECENT", iso(BASELINE_RECENT)));
    }

    /**
     * JVM options of the correlator: its Kafka Streams state in this run's data directory. (A state
     * directory shared between runs would restore the incidents of an earlier run against a new broker.)
     */
    static Map<String, String> correlatorSystemProperties(Path dataDirectory) {
        return Map.of("kafka-streams.state.dir", dataDirectory.resolve("correlator-state").toString());
    }

    private static String iso(Duration d) {
        return d.toSeconds() + "S";
    }
}
