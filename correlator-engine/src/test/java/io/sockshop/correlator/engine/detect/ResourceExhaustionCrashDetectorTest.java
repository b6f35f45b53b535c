package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class ResourceExhaustionCrashDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("two OOM kills", w -> w.restarts("front-end", "OOMKilled", 3300, 3400), "front-end"),
                row("restarts with memory at the limit", w -> w.limits("carts", 300, 500).memory("carts", 490, 3200, 3300)
                        .restarts("carts", "Error", 3300, 3400), "carts"),
                row("two services die: the one with more OOM kills is the root cause",
                        w -> w.restarts("orders", "OOMKilled", 3300, 3350).restarts("front-end", "OOMKilled", 3300, 3350, 3400),
                        "front-end"),
                none("one isolated OOM kill", w -> w.restarts("front-end", "OOMKilled", 3400)),
                none("restarts without OOM kill, memory fine", w -> w.limits("front-end", 300, 1000)
                        .memory("front-end", 600, 3200, 3600).restarts("front-end", "Error", 3300, 3350, 3400)),
                none("an episode that ended long ago", w -> w.restarts("front-end", "OOMKilled", 1000, 1100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new ResourceExhaustionCrashDetector());
    }
}
