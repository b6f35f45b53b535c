package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;
import static org.assertj.core.api.Assertions.assertThat;

/** resource-anomaly, table-driven: an hour of learned usage (World.NOW is 3600 s), then what happened. */
class ResourceAnomalyDetectorTest {

    static final double END = World.NOW / 1000.0;

    /** Normal usage of a few services from 0 to {@code until}. */
    static World normal(World w, double until) {
        return w.usage("catalogue-db", true, 20, 0, until).usage("catalogue-db", false, 200, 0, until)
                .usage("carts", true, 85, 0, until).usage("carts", false, 390, 0, until)
                .usage("front-end", true, 40, 0, until).usage("payment", true, 3, 0, until)
                .usage("catalogue", true, 6, 0, until).usage("orders", true, 80, 0, until);
    }

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("CPU 20x for 10 min, no limit", w -> normal(w, 3000).usage("catalogue-db", true, 400, 3000, END)
                        .usage("catalogue-db", false, 200, 3000, END), "catalogue-db"),
                row("memory 1.8x for 8 min", w -> normal(w, 3120).usage("carts", false, 700, 3120, END)
                        .usage("carts", true, 85, 3120, END), "carts"),
                row("a limit changes nothing", w -> normal(w, 3000).limits("carts", 2000, 4000)
                        .usage("carts", true, 600, 3000, END), "carts"),
                none("a 4-minute spike", w -> normal(w, 3360).usage("catalogue-db", true, 400, 3360, END)),
                none("a rise under the ratio", w -> normal(w, 3000).usage("carts", true, 160, 3000, END)),
                none("an idle service's small absolute rise", w -> normal(w, 3000).usage("payment", true, 40, 3000, END)),
                none("still warming up", w -> w.usage("catalogue-db", true, 20, 2700, 3000)
                        .usage("catalogue-db", true, 400, 3000, END)),
                none("back to normal", w -> normal(w, 2400).usage("catalogue-db", true, 400, 2400, 3300)
                        .usage("catalogue-db", true, 20, 3300, END)),
                none("a load surge: the entrypoint and most services", w -> normal(w, 3000)
                        .usage("front-end", true, 120, 3000, END).usage("carts", true, 255, 3000, END)
                        .usage("orders", true, 240, 3000, END).usage("catalogue", true, 18, 3000, END)
                        .usage("payment", true, 9, 3000, END).usage("catalogue-db", true, 60, 3000, END)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new ResourceAnomalyDetector());
    }

    @Test
    void theReportedRootCauseStaysWhileItDeviatesEvenIfAnotherRanksHigher() {
        World w = normal(new World(), 3000).usage("catalogue-db", true, 400, 3000, END)
                .usage("carts", true, 900, 3000, END).openIncident("resource-anomaly", "catalogue-db");
        var m = w.evaluate(new ResourceAnomalyDetector());
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.rootCauseService()).isEqualTo("catalogue-db");
            assertThat(x.localization()).containsExactly("catalogue-db", "carts");
        });
    }
}
