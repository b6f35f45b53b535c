package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.AppTopologyLoader;
import io.sockshop.correlator.engine.detect.Deviation.Resource;
import io.sockshop.correlator.engine.state.ResourceBaseline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Suspect order, table-driven: "service:start minute:size" rows in, the ranking out. */
class SuspectRankingTest {

    static final long MIN = 60_000;

    static Deviation dev(String row) {
        String[] p = row.split(":");
        long start = Long.parseLong(p[1]) * MIN;
        return new Deviation(p[0], Resource.CPU, "", new ResourceBaseline.Reference(10, 10, 1, 30, Double.NaN, 0), 20,
                new ResourceBaseline.Stretch("", start, start + 10 * MIN, 10, 30, 40), Double.parseDouble(p[2]));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("one service", List.of("carts:0:2"), List.of("carts")),
                Arguments.of("unrelated services: furthest from baseline first",
                        List.of("rabbitmq:0:1.5", "carts-db:5:4", "payment:1:2"), List.of("carts-db", "payment", "rabbitmq")),
                Arguments.of("a datastore that deviated first beats its caller that deviated more",
                        List.of("catalogue:2:9", "catalogue-db:0:1.2"), List.of("catalogue-db", "catalogue")),
                Arguments.of("the explanation reaches through several calls",
                        List.of("front-end:3:5", "orders:2:4", "payment:0:1.1"), List.of("payment", "orders", "front-end")),
                Arguments.of("a callee that deviated later explains nothing: size decides",
                        List.of("catalogue:0:3", "catalogue-db:6:2"), List.of("catalogue", "catalogue-db")),
                Arguments.of("within one slot counts as together",
                        List.of("user:0:3", "user-db:1:2"), List.of("user-db", "user")),
                Arguments.of("equal sizes: the earlier first, then by name",
                        List.of("shipping:3:2", "rabbitmq:1:2", "payment:1:2"), List.of("payment", "rabbitmq", "shipping")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void suspectsAreOrderedAsDocumented(String name, List<String> deviations, List<String> expected) {
        List<Deviation> in = new ArrayList<>(deviations.stream().map(SuspectRankingTest::dev).toList());
        List<String> ranked = SuspectRanking.rank(in, AppTopologyLoader.sockShop(), MIN).stream()
                .map(SuspectRanking.Suspect::service).toList();
        assertThat(ranked).as(name).containsExactlyElementsOf(expected);
    }
}
