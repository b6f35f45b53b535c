package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.sockshop.correlator.engine.detect.DetectorTable.none;
import static io.sockshop.correlator.engine.detect.DetectorTable.row;

class ConsumerAbsentDetectorTest {

    static Stream<DetectorTable> table() {
        return Stream.of(
                row("consumer gone, publisher keeps publishing",
                        w -> w.down("queue-master", 3400).published("shipping", 3420, 3450).queueDown("shipping-task", "shipping", "queue-master"),
                        "queue-master"),
                row("a publish logged before the consumer's watch record still counts",
                        w -> w.published("shipping", 3405).down("queue-master", 3400), "queue-master"),
                none("consumer gone, nobody publishes", w -> w.down("queue-master", 3400).published("shipping", 3000)),
                none("consumer available (rolling update)", w -> w.available("queue-master", 3000).published("shipping", 3420)),
                none("the publisher is gone, not the consumer", w -> w.down("shipping", 3400).published("shipping", 3300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(DetectorTable row) {
        row.check(new ConsumerAbsentDetector());
    }
}
