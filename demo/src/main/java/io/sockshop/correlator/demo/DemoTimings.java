package io.sockshop.correlator.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * The demo runs each incident for well under a minute instead of the guide's minutes, so the
 * services poll, evaluate, resolve and score on a matching scale. Only timings change: detectors
 * keep their rules and ratios.
 */
final class DemoTimings {

    private DemoTimings() {
    }

    static Map<String, String> collector() {
        return Map.of(
                "COLLECTOR_DATADOG_LOGS_INTERVAL", "2s",
                "COLLECTOR_DATADOG_LOGS_OVERLAP", "20s",
                "COLLECTOR_DATADOG_METRICS_INTERVAL", "5s",
                "COLLECTOR_DATADOG_METRICS_OVERLAP", "30s",
                "COLLECTOR_DATADOG_INITIAL_LOOKBACK", "2m");
    }

    static Map<String, String> correlator(Path stateDirectory) {
        return Map.ofEntries(
                Map.entry("KAFKA_STREAMS_STATE_DIR", stateDirectory.toString()),
                Map.entry("CORRELATOR_QUIET_PERIOD", "15S"),
                Map.entry("CORRELATOR_UPDATE_INTERVAL", "10S"),
                Map.entry("CORRELATOR_EVALUATION_INTERVAL", "2S"),
                Map.entry("CORRELATOR_HEALTH_INTERVAL", "10S"),
                Map.entry("CORRELATOR_SCORING_GRACE", "20S"),
                Map.entry("CORRELATOR_DETECTION_RESTART_WINDOW", "40S"),
                Map.entry("CORRELATOR_DETECTION_ACTIVE_WINDOW", "20S"),
                Map.entry("CORRELATOR_DETECTION_SATURATION_SUSTAIN", "30S"));
    }
}
