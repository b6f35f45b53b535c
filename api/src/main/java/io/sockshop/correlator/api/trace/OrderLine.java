package io.sockshop.correlator.api.trace;

/** A log line attached to an order, and why. */
public record OrderLine(LogLine line, MatchedBy matchedBy) {
}
