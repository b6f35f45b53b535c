package io.sockshop.correlator.engine.state;

import java.util.OptionalDouble;

/**
 * What "normal" was for one metric of one service, learned in event time. Detectors compare the
 * recent value with the baseline; a baseline with too little history answers empty (warm-up), and
 * says so in the finding's confidence. Implementations must be bounded in memory and tolerate
 * late samples and gaps.
 */
public interface Baseline {

    /** Adds a sample at an event time (epoch ms). Late samples land in their own time slot. */
    void add(long time, double value);

    /** Normal level before the recent window ending at {@code now}; empty while warming up. */
    OptionalDouble baseline(long now);

    /** The level of the recent window ending at {@code now}; empty when there is no recent sample. */
    OptionalDouble recent(long now);

    /** The highest value seen in the recent window ending at {@code now}. */
    OptionalDouble recentPeak(long now);
}
