package io.sockshop.correlator.engine.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
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
                row("the entrypoint dies too: it is the root cause, though a backend has more OOM kills",
                        w -> w.restarts("carts", "OOMKilled", 3300, 3320, 3340).restarts("front-end", "OOMKilled", 3350, 3360),
                        "front-end"),
                row("backends only: the one with the most OOM kills",
                        w -> w.restarts("carts", "OOMKilled", 3300, 3320).restarts("orders", "OOMKilled", 3300, 3320, 3340),
                        "orders"),
                row("the open incident's root cause stays while it still dies",
                        w -> w.openIncident("resource-exhaustion-crash", "carts").restarts("carts", "OOMKilled", 3300, 3320)
                                .restarts("orders", "OOMKilled", 3300, 3320, 3340), "carts"),
                row("restarts of several services chain into one episode: the entrypoint's early ones still count",
                        w -> w.restarts("front-end", "OOMKilled", 2900, 2950).restarts("carts", "OOMKilled", 3100, 3300, 3500),
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

    @Test
    void servicesCrashingUnderOneLoadAreOneIncidentNamingTheOthers() {
        var matches = new World().limits("front-end", 300, 1000).restarts("carts", "OOMKilled", 3300, 3320)
                .restarts("user", "OOMKilled", 3305, 3330).restarts("front-end", "OOMKilled", 3340, 3360)
                .evaluate(new ResourceExhaustionCrashDetector());
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.rootCauseService()).isEqualTo("front-end");
            assertThat(m.localization()).containsExactlyInAnyOrder("front-end", "carts", "user");
            assertThat(m.impact().restartsByService()).containsEntry("carts", 2).containsEntry("user", 2)
                    .containsEntry("front-end", 2);
            assertThat(m.impact().oomKills()).isEqualTo(6);
            assertThat(m.rootCause().reason()).contains("1000Mi");
        });
    }

    @Test
    void servicesTheSameLoadOnlySlowedFollowTheDyingOnesAmongTheSuspects() {
        var matches = new World().latency("carts", 50, 2000, 3200).openIncident("latency-degradation", "orders")
                .restarts("front-end", "OOMKilled", 3300, 3340, 3360)
                .evaluate(new ResourceExhaustionCrashDetector());
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.rootCauseService()).isEqualTo("front-end");
            assertThat(m.localization()).first().isEqualTo("front-end");
            assertThat(m.localization()).containsExactlyInAnyOrder("front-end", "carts", "orders");
            assertThat(m.suspects("carts")).isTrue();
            assertThat(m.impact().restartsByService()).containsOnlyKeys("front-end");
        });
    }

    @Test
    void aServiceAtItsUsualLatencyIsNoSuspect() {
        var matches = new World().latency("carts", 50, 60, 3200).restarts("front-end", "OOMKilled", 3300, 3340)
                .evaluate(new ResourceExhaustionCrashDetector());
        assertThat(matches).singleElement().satisfies(m -> assertThat(m.localization()).containsExactly("front-end"));
    }
}
