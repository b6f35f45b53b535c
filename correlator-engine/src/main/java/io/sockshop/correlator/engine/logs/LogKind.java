package io.sockshop.correlator.engine.logs;

/**
 * What a log line means to the detectors. {@link #error} says whether the line counts as an error
 * signal; Datadog's {@code status} never does (every stderr line of a Go service is {@code error}).
 */
public enum LogKind {
    /** A request failed because a dependency could not be reached (IO error); callee from the host group if any. */
    DEPENDENCY_IO_ERROR(true),
    /** A request failed because a dependency did not answer in time. */
    DEPENDENCY_TIMEOUT(true),
    /** A connection was refused; callee from the host group if any. */
    CONNECTION_REFUSED(true),
    /** An order (or any business object) changed status; id and status groups. */
    ORDER_STATUS(false),
    /** A message was handed to the broker by its publisher. */
    PUBLISH(false),
    /** The publisher could not hand a message to the broker. */
    PUBLISH_FAILED(true),
    /** A consumer took a message from its queue. */
    CONSUME(false),
    /** A consumer lost its broker. */
    CONSUMER_CONNECT_FAILED(true),
    /** A circuit breaker is open; name group. */
    CIRCUIT_OPEN(true),
    /** A datastore call failed. */
    DATASTORE_ERROR(true),
    /** A handled request with its duration ({@code took=}); method, value, unit groups. */
    DURATION(false),
    /** An HTTP access line; method, path, status, ms groups. Counts as an error only with a 5xx status. */
    ACCESS(false);

    private final boolean error;

    LogKind(boolean error) {
        this.error = error;
    }

    public boolean error() {
        return error;
    }
}
