package io.sockshop.correlator.engine.logs;

/**
 * A classified log line. Fields not captured by the pattern are null (or NaN for numbers).
 *
 * @param host       a host name the line names (the callee of a failed call), unresolved
 * @param id         an object id (order id, shipment name)
 * @param status     a status word ({@code PAYMENT_FAILED}) for {@link LogKind#ORDER_STATUS}
 * @param name       a name (the circuit breaker's) or the method of a {@code took=} line
 * @param durationMs the duration, in milliseconds, of a DURATION or ACCESS line
 * @param httpStatus the status code of an ACCESS line, else 0
 */
public record LogMatch(LogKind kind, String patternId, String host, String id, String status, String name,
                       double durationMs, int httpStatus) {

    /** Whether the line counts as an error: the kind says so, or it is a 5xx access line. */
    public boolean isError() {
        return kind.error() || (kind == LogKind.ACCESS && httpStatus >= 500);
    }
}
