package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class DependencyDownDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("callee down, caller refused toward it by host", w -> w.down("payment", 3400).refused("orders", "payment", 3420), "payment"),
                row("callee down, caller fails without a host and it is the only callee down",
                        w -> w.down("payment", 3400).refused("orders", null, 3420), "payment"),
                row("errors logged just before the watch record (lag)", w -> w.down("payment", 3400).refused("orders", "payment", 3390), "payment"),
                row("a datastore down with its caller failing", w -> w.down("catalogue-db", 3400).refused("catalogue", "catalogue-db", 3410), "catalogue-db"),
                none("callee down, nobody complains", w -> w.down("payment", 3400)),
                none("callee available, caller refused toward it", w -> w.available("payment", 3000).refused("orders", "payment", 3420)),
                none("callee down, caller fails toward another service", w -> w.down("session-db", 3400).refused("orders", "shipping", 3420)),
                none("caller errors long before the outage", w -> w.refused("orders", "payment", 1000).down("payment", 3400)),
                none("hostless failures while two callees are down",
                        w -> w.down("payment", 3400).down("shipping", 3400).refused("orders", null, 3420)),
                none("a callee crashing at its memory limit is resource exhaustion, not a dependency that went away",
                        w -> w.restarts("carts", "OOMKilled", 3380, 3395).unavailable("carts", 3395).refused("front-end", "carts", 3410)),
                row("a callee crash-looping without reaching its limit is a dependency down",
                        w -> w.restarts("carts", "Error", 3380, 3395).unavailable("carts", 3395).refused("front-end", "carts", 3410),
                        "carts"),
                row("a callee scaled to 0 after crashing at its limit was taken away",
                        w -> w.restarts("payment", "OOMKilled", 3380).down("payment", 3400).refused("orders", "payment", 3420),
                        "payment"),
                none("the outage ended (recovering only)", w -> w.down("payment", 3300).refused("orders", "payment", 3320).back("payment", 3500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new DependencyDownDetector());
    }
}
