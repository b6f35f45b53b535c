package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class LatencyDegradationDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("25x slower and CPU-bound", w -> w.limits("front-end", 300, 1000).cpu("front-end", 280, 3300, 3600)
                        .latency("front-end", 120, 3000, 3400), "front-end"),
                row("the CPU-bound one of two slow services", w -> w.limits("front-end", 300, 1000).cpu("front-end", 280, 3300, 3600)
                        .limits("orders", 500, 500).cpu("orders", 100, 3300, 3600)
                        .latency("front-end", 120, 3000, 3400).latency("orders", 200, 2000, 3400), "front-end"),
                none("a light load: 1.6x", w -> w.limits("front-end", 300, 1000).cpu("front-end", 280, 3300, 3600)
                        .latency("front-end", 120, 190, 3400)),
                none("slow but under the absolute floor", w -> w.limits("user", 300, 200).cpu("user", 280, 3300, 3600)
                        .latency("user", 5, 100, 3400)),
                none("slow without high CPU", w -> w.limits("front-end", 300, 1000).cpu("front-end", 60, 3300, 3600)
                        .latency("front-end", 120, 3000, 3400)),
                none("a restart in the window", w -> w.limits("front-end", 300, 1000).cpu("front-end", 280, 3300, 3600)
                        .latency("front-end", 120, 3000, 3400).restarts("carts", "Error", 3200)),
                none("warming up: no history before the slowness", w -> w.limits("front-end", 300, 1000)
                        .cpu("front-end", 280, 3300, 3600).latency("front-end", 3000, 3000, 0)),
                row("no limit, CPU 6x its learned baseline", w -> w.usage("front-end", true, 40, 0, 3400)
                        .usage("front-end", true, 240, 3400, 3600).latency("front-end", 120, 3000, 3400), "front-end"),
                none("no limit, CPU only 1.5x its learned baseline", w -> w.usage("front-end", true, 40, 0, 3400)
                        .usage("front-end", true, 60, 3400, 3600).latency("front-end", 120, 3000, 3400)),
                none("no limit and the CPU baseline still warming up", w -> w.usage("front-end", true, 40, 3000, 3400)
                        .usage("front-end", true, 240, 3400, 3600).latency("front-end", 120, 3000, 3400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new LatencyDegradationDetector());
    }

    @Test
    void cpuBoundByTheLearnedBaselineSaysSoAndCanBeSwitchedOff() {
        World w = new World().usage("front-end", true, 40, 0, 3400).usage("front-end", true, 240, 3400, 3600)
                .latency("front-end", 120, 3000, 3400);
        assertThat(w.evaluate(new LatencyDegradationDetector())).singleElement().satisfies(m -> {
            assertThat(m.rootCause().reason()).isEqualTo("CPU-bound (CPU at 6.0x its learned baseline, no limit set): requests queue up");
            assertThat(m.reasons()).contains("front-end CPU at 6.0x its learned baseline, no limit set: CPU-bound by its own normal");
        });
        DetectionSettings limitOnly = DetectionSettings.defaults()
                .withAnomaly(AnomalySettings.defaults().withCpuBoundByBaseline(false));
        assertThat(new LatencyDegradationDetector().evaluate(w.context(limitOnly))).as("anomaly-cpu-bound-by-baseline: false")
                .isEmpty();
    }

    @Test
    void aRestartUnderTheSlownessOnlyHoldsAnOpenLatencyIncident() {
        var matches = new World().limits("front-end", 300, 1000).cpu("front-end", 280, 3300, 3600)
                .latency("front-end", 120, 3000, 3400).restarts("front-end", "Error", 3550)
                .evaluate(new LatencyDegradationDetector());
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.rootCauseService()).isEqualTo("front-end");
            assertThat(m.holding()).as("keeps an open incident for the crash signature to supersede").isTrue();
        });
    }

    @Test
    void detectionIsWhenTheServiceWasBothSlowAndCpuBoundNotTheStartOfTheSlowSlot() {
        // latency high in the whole recent window (from the slot at 3540 s), CPU at the limit only from 3560 s
        var matches = new World().limits("front-end", 300, 1000).cpu("front-end", 60, 3300, 3550)
                .cpu("front-end", 290, 3560, 3600).latency("front-end", 120, 3000, 3500)
                .evaluate(new LatencyDegradationDetector());
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.holding()).isFalse();
            assertThat(m.detectedAt()).isEqualTo(World.s(3560));
        });
    }
}
