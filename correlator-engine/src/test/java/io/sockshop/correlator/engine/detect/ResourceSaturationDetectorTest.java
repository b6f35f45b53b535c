package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class ResourceSaturationDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("CPU at the limit for 10 min", w -> w.limits("carts", 300, 500).cpu("carts", 295, 3000, 3600), "carts"),
                row("memory at the limit for 6 min", w -> w.limits("user", 300, 200).memory("user", 195, 3240, 3600), "user"),
                none("a 3-minute spike", w -> w.limits("carts", 300, 500).cpu("carts", 295, 3420, 3600)),
                none("busy but under the limit ratio", w -> w.limits("carts", 300, 500).cpu("carts", 240, 3000, 3600)),
                none("no limit known", w -> w.cpu("carts-db", 2000, 3000, 3600)),
                none("CPU at the limit, then the limit lifted while the load stays",
                        w -> w.limits("catalogue-db", 50, 128).cpu("catalogue-db", 50, 3000, 3300)
                                .limitsAt("catalogue-db", 0, 0, 3305).cpu("catalogue-db", 55, 3310, 3600)),
                none("memory at the limit, then the limit lifted",
                        w -> w.limits("user", 300, 200).memory("user", 195, 3000, 3300)
                                .limitsAt("user", 300, 0, 3305).memory("user", 195, 3310, 3600)),
                none("restarted in the window", w -> w.limits("carts", 300, 500).cpu("carts", 295, 3000, 3600)
                        .restarts("carts", "Error", 3500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new ResourceSaturationDetector());
    }

    /** Forty minutes at 100m learned, then ten at the 300m limit; or fifty at the limit all along (chronic). */
    static World learned(boolean chronic) {
        World w = new World().limits("carts", 300, 500).cpu("carts", 295, 3000, 3600);
        return w.usage("carts", true, chronic ? 295 : 100, 0, 3000).usage("carts", true, 295, 3000, 3600);
    }

    @org.junit.jupiter.api.Test
    void onceItsBaselineIsLearnedItSaysHowFarFromNormalAndWhetherItIsChronic() {
        var fresh = learned(false).evaluate(new ResourceSaturationDetector());
        org.assertj.core.api.Assertions.assertThat(fresh).singleElement().satisfies(m -> {
            org.assertj.core.api.Assertions.assertThat(m.confidence()).isEqualTo(0.7);
            org.assertj.core.api.Assertions.assertThat(m.reasons()).contains("carts CPU 295m is 3.0x its learned baseline of 100m");
        });
        var chronic = learned(true).evaluate(new ResourceSaturationDetector());
        org.assertj.core.api.Assertions.assertThat(chronic).singleElement().satisfies(m -> {
            org.assertj.core.api.Assertions.assertThat(m.confidence()).isEqualTo(0.5);
            org.assertj.core.api.Assertions.assertThat(m.reasons()).anyMatch(r -> r.endsWith("too: chronic, not new"));
        });
        DetectionSettings needsDeviation = DetectionSettings.defaults()
                .withAnomaly(AnomalySettings.defaults().withSaturationNeedsDeviation(true));
        org.assertj.core.api.Assertions.assertThat(new ResourceSaturationDetector().evaluate(learned(true).context(needsDeviation)))
                .as("anomaly-saturation-needs-deviation: a chronic saturation gives nothing").isEmpty();
        org.assertj.core.api.Assertions.assertThat(new ResourceSaturationDetector().evaluate(learned(false).context(needsDeviation)))
                .hasSize(1);
    }
}
