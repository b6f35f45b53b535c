package io.sockshop.correlator.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo compresses time, never rules; and each run of it starts from its own state. */
class DemoTimingsTest {

    /** The correlator settings that are times or windows (docs/correlator.md, docs/signatures.md). */
    static final Set<String> TIMINGS = Set.of("CORRELATOR_QUIET_PERIOD", "CORRELATOR_UPDATE_INTERVAL",
            "CORRELATOR_EVALUATION_INTERVAL", "CORRELATOR_HEALTH_INTERVAL", "CORRELATOR_SCORING_GRACE",
            "CORRELATOR_DETECTION_RESTART_WINDOW", "CORRELATOR_DETECTION_ACTIVE_WINDOW",
            "CORRELATOR_DETECTION_SATURATION_SUSTAIN", "CORRELATOR_DETECTION_DEPENDENCY_ERROR_LOOKBACK",
            "CORRELATOR_DETECTION_BASELINE_SLOT", "CORRELATOR_DETECTION_BASELINE_WARMUP_SLOTS",
            "CORRELATOR_DETECTION_BASELINE_RECENT");

    @Test
    void theBundledRecordingsAreVerifiedWithTheDemosCorrelatorSettings() throws java.io.IOException {
        Path file = Path.of(System.getProperty("sockshop.home", "..")).resolve("recordings/correlator.properties");
        java.util.Properties props = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file)) {
            props.load(in);
        }
        Map<String, String> asEnvironment = new java.util.HashMap<>();
        // correlator.detection.baseline-slot is CORRELATOR_DETECTION_BASELINE_SLOT in the environment
        props.stringPropertyNames().forEach(k -> asEnvironment.put(k.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                props.getProperty(k).strip()));
        assertThat(asEnvironment).as(file.toString()).isEqualTo(DemoTimings.correlator());
    }

    @Test
    void theCorrelatorGetsCompressedTimingsOnlyNeverOtherThresholds() {
        assertThat(DemoTimings.correlator().keySet()).isSubsetOf(TIMINGS);
        assertThat(DemoTimings.correlator()).containsEntry("CORRELATOR_DETECTION_BASELINE_SLOT", "5S")
                .containsEntry("CORRELATOR_DETECTION_BASELINE_WARMUP_SLOTS", "3")
                .containsEntry("CORRELATOR_DETECTION_BASELINE_RECENT", "10S");
    }

    @Test
    void theShopRunsNormallyLongEnoughForTheBaselinesBeforeTheFirstIncident() {
        long needed = DemoTimings.BASELINE_SLOT.multipliedBy(DemoTimings.BASELINE_WARMUP_SLOTS)
                .plus(DemoTimings.BASELINE_RECENT).toSeconds();
        assertThat(DemoRun.WARM_UP.toSeconds()).isGreaterThanOrEqualTo(needed);
    }

    @Test
    void theCorrelatorKeepsItsStateInThisRunsDataDirectory() {
        Path data = Path.of("/tmp/demo-run-42");
        Map<String, String> properties = DemoTimings.correlatorSystemProperties(data);
        assertThat(properties).containsEntry("kafka-streams.state.dir", "/tmp/demo-run-42/correlator-state");
        List<String> command = Pipeline.javaCommand(Path.of("correlator/target/quarkus-app/quarkus-run.jar"), properties);
        assertThat(command).containsSubsequence("-Dkafka-streams.state.dir=/tmp/demo-run-42/correlator-state", "-jar",
                "correlator/target/quarkus-app/quarkus-run.jar");
    }

    @Test
    void everyGuideIncidentRunsOnceAndTheCrashStormNeverFollowsTheHybrid() {
        assertThat(DemoMain.ORDER).containsExactlyInAnyOrderElementsOf(DemoScenario.GUIDE.stream().map(DemoScenario::id).toList());
        assertThat(DemoMain.ORDER.get(0)).as("latency on a calm baseline").isEqualTo("incident-4");
        int hybrid = DemoMain.ORDER.indexOf("incident-2");
        assertThat(hybrid + 1 < DemoMain.ORDER.size() ? DemoMain.ORDER.get(hybrid + 1) : "").isNotEqualTo("incident-1");
    }
}
