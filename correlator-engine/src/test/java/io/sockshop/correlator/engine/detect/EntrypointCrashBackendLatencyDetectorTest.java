package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class EntrypointCrashBackendLatencyDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("entrypoint restarts 3 times, a backend 6x slower",
                        w -> w.restarts("front-end", "Error", 3300, 3400, 3500).latency("catalogue", 6, 36, 3300), "front-end"),
                row("a backend already slow at the entrypoint's last restart",
                        w -> w.restarts("front-end", "Error", 3300, 3400, 3500).latency("catalogue", 6, 36, 3480), "front-end"),
                none("a backend slowed only after the entrypoint's last restart (another cause)",
                        w -> w.restarts("front-end", "Error", 3300, 3400, 3500).latency("catalogue", 6, 36, 3560)),
                none("only 2 restarts", w -> w.restarts("front-end", "Error", 3400, 3500).latency("catalogue", 6, 36, 3300)),
                none("an OOM kill among them (exhaustion)",
                        w -> w.restarts("front-end", "OOMKilled", 3300, 3400, 3500).latency("catalogue", 6, 36, 3300)),
                none("a backend restarts too", w -> w.restarts("front-end", "Error", 3300, 3400, 3500)
                        .latency("catalogue", 6, 36, 3300).restarts("carts", "Error", 3450)),
                none("backends at their normal latency",
                        w -> w.restarts("front-end", "Error", 3300, 3400, 3500).latency("catalogue", 6, 6, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new EntrypointCrashBackendLatencyDetector());
    }
}
