package io.sockshop.correlator.replay;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.detect.DetectionSettings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The correlator service's timing and threshold settings ({@code correlator.*}, the names of
 * docs/correlator.md) read from a properties file, so that a recording made with other settings
 * (the demo's compressed timings) is verified with the settings it was recorded under. Settings
 * left out keep the service's defaults; an unknown or malformed one is an error naming it.
 */
public final class CorrelatorSettingsFile {

    private static final String P = "correlator.";
    private static final String D = "correlator.detection.";

    private CorrelatorSettingsFile() {
    }

    public static CorrelatorConfig apply(Path file, CorrelatorConfig base) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + file, e);
        }
        return apply(props, base, file.toString());
    }

    static CorrelatorConfig apply(Properties props, CorrelatorConfig base, String origin) {
        Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
        Settings r = new Settings(props, unknown, origin);
        DetectionSettings d = base.detection();
        DetectionSettings detection = new DetectionSettings(
                r.duration(D + "restart-window", d.restartWindow()),
                r.integer(D + "exhaustion-min-restarts", d.exhaustionMinRestarts()),
                r.integer(D + "entrypoint-min-restarts", d.entrypointMinRestarts()),
                r.number(D + "backend-latency-ratio", d.backendLatencyRatio()),
                r.number(D + "latency-ratio", d.latencyRatio()),
                r.number(D + "latency-min-ms", d.latencyMinMs()),
                r.number(D + "high-cpu-ratio", d.highCpuRatio()),
                r.number(D + "limit-ratio", d.limitRatio()),
                r.number(D + "cascade-latency-ratio", d.cascadeLatencyRatio()),
                r.duration(D + "saturation-sustain", d.saturationSustain()),
                r.integer(D + "min-published", d.minPublished()),
                r.duration(D + "dependency-error-lookback", d.dependencyErrorLookback()),
                r.duration(D + "active-window", d.activeWindow()),
                r.duration(D + "baseline-slot", d.baselineSlot()),
                r.integer(D + "baseline-warmup-slots", d.baselineWarmupSlots()),
                r.duration(D + "baseline-recent", d.baselineRecent()));
        CorrelatorConfig config = new CorrelatorConfig(base.topicPrefix(), base.topology(), base.patterns(), detection,
                r.duration(P + "quiet-period", base.quietPeriod()),
                r.duration(P + "update-interval", base.updateInterval()),
                r.duration(P + "evaluation-interval", base.evaluationInterval()),
                r.duration(P + "health-interval", base.healthInterval()),
                r.duration(P + "scoring-grace", base.scoringGrace()),
                base.inMemoryStores());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(origin + ": unknown setting(s) " + unknown
                    + " (verify takes the correlator's timings and detection thresholds, docs/correlator.md)");
        }
        return config;
    }

    private record Settings(Properties props, Set<String> unknown, String origin) {

        String raw(String key) {
            unknown.remove(key);
            String value = props.getProperty(key);
            return value == null ? null : value.strip();
        }

        Duration duration(String key, Duration fallback) {
            String value = raw(key);
            if (value == null) {
                return fallback;
            }
            try {
                // the service's (SmallRye Config's) forms: 15S, 2M, 500MS or ISO 8601 PT15S
                String upper = value.toUpperCase(Locale.ROOT);
                if (upper.endsWith("MS") && !upper.startsWith("P")) {
                    return Duration.ofMillis(Long.parseLong(upper.substring(0, upper.length() - 2)));
                }
                if (upper.matches("\\d+")) {
                    return Duration.ofSeconds(Long.parseLong(upper));
                }
                return Duration.parse(upper.startsWith("P") ? upper : upper.matches("\\d+D") ? "P" + upper : "PT" + upper);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(origin + ": " + key + " must be a duration such as 15S or PT15S, was '" + value + "'");
            }
        }

        int integer(String key, int fallback) {
            String value = raw(key);
            try {
                return value == null ? fallback : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": " + key + " must be a whole number, was '" + value + "'");
            }
        }

        double number(String key, double fallback) {
            String value = raw(key);
            try {
                return value == null ? fallback : Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": " + key + " must be a number, was '" + value + "'");
            }
        }
    }
}
