package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static org.assertj.core.api.Assertions.assertThat;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class DatastoreThrottleCascadeDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("datastore at its lowered limit, caller 300x slower",
                        w -> w.limits("catalogue-db", 50, 128).cpu("catalogue-db", 51, 3300, 3600).latency("catalogue", 6, 1800, 3320),
                        "catalogue-db"),
                row("datastore at its limit, caller's breaker open",
                        w -> w.limits("catalogue-db", 50, 128).cpu("catalogue-db", 50, 3300, 3600).circuitOpen("catalogue", 3400),
                        "catalogue-db"),
                none("datastore at its limit, caller fine (saturation, not a cascade)",
                        w -> w.limits("catalogue-db", 50, 128).cpu("catalogue-db", 51, 3300, 3600).latency("catalogue", 6, 6, 0)),
                none("caller slow, datastore not throttled",
                        w -> w.limits("catalogue-db", 500, 512).cpu("catalogue-db", 40, 3300, 3600).latency("catalogue", 6, 1800, 3320)),
                none("datastore with no limit", w -> w.cpu("catalogue-db", 900, 3300, 3600).latency("catalogue", 6, 1800, 3320)),
                none("throttled, then the limit lifted (restored) while the caller is slow for another reason",
                        w -> w.limits("catalogue-db", 50, 128).cpu("catalogue-db", 51, 3300, 3400)
                                .limitsAt("catalogue-db", 0, 0, 3405).cpu("catalogue-db", 55, 3410, 3600)
                                .latency("catalogue", 6, 1800, 3320)),
                none("breaker opened before the throttling began",
                        w -> w.circuitOpen("catalogue", 3000).limits("catalogue-db", 50, 128).cpu("catalogue-db", 51, 3300, 3600)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new DatastoreThrottleCascadeDetector());
    }

    @Test
    void theSuspectsAreTheDatastoreAndTheCallersItSlowedNotTheServicesFurtherUp() {
        var matches = new World().limits("catalogue-db", 50, 128).cpu("catalogue-db", 51, 3300, 3600)
                .latency("catalogue", 6, 1800, 3320).evaluate(new DatastoreThrottleCascadeDetector());
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.localization()).containsExactly("catalogue-db", "catalogue");
            assertThat(m.affected()).as("the front-end sees the effect").containsExactly("catalogue-db", "catalogue", "front-end");
        });
    }
}
