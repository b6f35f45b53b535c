package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad anomaly setting is refused with a message naming it. */
class AnomalySettingsTest {

    static final AnomalySettings D = AnomalySettings.defaults();

    static AnomalySettings with(Duration slot, int history, int warmup, Duration sustain, Duration gap) {
        return new AnomalySettings(slot, history, warmup, sustain, gap, D.cpuRatio(), D.memoryRatio(), D.cpuMinMillicores(),
                D.memoryMinMib(), D.noiseSigmas(), D.surgeShare(), true, false);
    }

    static AnomalySettings bars(double cpuRatio, double memRatio, double cpuMin, double memMin, double sigmas) {
        return new AnomalySettings(D.slot(), D.historySlots(), D.warmupSlots(), D.sustain(), D.maxGap(), cpuRatio, memRatio,
                cpuMin, memMin, sigmas, 0.5, true, false);
    }

    static Stream<Arguments> bad() {
        Duration m = Duration.ofMinutes(1);
        return Stream.of(
                Arguments.of((Supplier<?>) () -> with(Duration.ofMillis(500), 60, 15, Duration.ofMinutes(5), m), "anomaly-slot"),
                Arguments.of((Supplier<?>) () -> with(m, 60, 15, Duration.ofSeconds(30), Duration.ZERO), "anomaly-sustain"),
                Arguments.of((Supplier<?>) () -> with(m, 60, 15, Duration.ofMinutes(5), Duration.ofMinutes(5)), "anomaly-max-gap"),
                Arguments.of((Supplier<?>) () -> with(m, 60, 2, Duration.ofMinutes(5), m), "anomaly-warmup-slots"),
                Arguments.of((Supplier<?>) () -> with(m, 18, 15, Duration.ofMinutes(5), m), "anomaly-history-slots"),
                Arguments.of((Supplier<?>) () -> bars(1.0, 1.5, 100, 64, 4), "anomaly-cpu-ratio"),
                Arguments.of((Supplier<?>) () -> bars(2, Double.NaN, 100, 64, 4), "anomaly-memory-ratio"),
                Arguments.of((Supplier<?>) () -> bars(2, 1.5, -1, 64, 4), "anomaly-cpu-min-millicores"),
                Arguments.of((Supplier<?>) () -> bars(2, 1.5, 100, -5, 4), "anomaly-memory-min-mib"),
                Arguments.of((Supplier<?>) () -> bars(2, 1.5, 100, 64, -1), "anomaly-noise-sigmas"),
                Arguments.of((Supplier<?>) () -> new AnomalySettings(D.slot(), D.historySlots(), D.warmupSlots(), D.sustain(),
                        D.maxGap(), 2, 1.5, 100, 64, 4, 0, true, false), "anomaly-surge-share"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("bad")
    void aBadSettingIsRefusedByName(Supplier<?> build, String setting) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(setting + " ");
    }

    @org.junit.jupiter.api.Test
    void theDefaultsAndACompressedRunAreAccepted() {
        assertThat(D.sustainSlots()).isEqualTo(5);
        assertThat(D.withTimings(Duration.ofSeconds(5), 60, 6, Duration.ofSeconds(30), Duration.ofSeconds(10)).sustainSlots())
                .isEqualTo(6);
    }
}
