package io.sockshop.correlator.api.trace;

/** Why a log line belongs to an order: strongest first. */
public enum MatchedBy {
    /** The line names the order id. */
    ORDER_ID,
    /** The line shares its Sleuth trace id with a line that names the order. */
    TRACE_ID,
    /**
     * The line has no trace id (Spring logs request failures after the span closed: {@code [orders,,,]})
     * but came from the same pod and request thread within a few seconds of the order's last line.
     */
    SAME_THREAD
}
