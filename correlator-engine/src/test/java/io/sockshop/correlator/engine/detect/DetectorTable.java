package io.sockshop.correlator.engine.detect;

import java.util.function.UnaryOperator;

/**
 * One row of a detector's table: what happened, and the root cause the detector must name (null: it
 * must not match, or only as a recovering or holding match that opens nothing).
 */
record DetectorTable(String name, UnaryOperator<World> given, String rootCause) {

    static DetectorTable row(String name, UnaryOperator<World> given, String rootCause) {
        return new DetectorTable(name, given, rootCause);
    }

    static DetectorTable none(String name, UnaryOperator<World> given) {
        return new DetectorTable(name, given, null);
    }

    @Override
    public String toString() {
        return name;
    }

    void check(Detector detector) {
        var matches = detector.evaluate(given.apply(new World()).context()).stream().filter(m -> m.active() && !m.holding()).toList();
        if (rootCause == null) {
            org.assertj.core.api.Assertions.assertThat(matches).as(name).isEmpty();
        } else {
            org.assertj.core.api.Assertions.assertThat(matches).as(name).singleElement()
                    .satisfies(m -> {
                        org.assertj.core.api.Assertions.assertThat(m.rootCauseService()).isEqualTo(rootCause);
                        org.assertj.core.api.Assertions.assertThat(m.signature()).isEqualTo(detector.signature());
                        org.assertj.core.api.Assertions.assertThat(m.detectedAt()).isBetween(m.firstSeen(), World.NOW);
                        org.assertj.core.api.Assertions.assertThat(m.confidence()).isBetween(0.0, 1.0);
                        org.assertj.core.api.Assertions.assertThat(m.reasons()).isNotEmpty();
                    });
        }
    }
}
