package io.sockshop.correlator.collector.datadog;

/**
 * A Datadog call that did not give a usable answer: an HTTP error, an HTML page, a truncated body,
 * a timeout. The message is already masked (no key in it) and short enough for a log line.
 *
 * @see DatadogApi
 */
public final class DatadogCallException extends Exception {

    private final int status;

    public DatadogCallException(int status, String maskedMessage) {
        super(maskedMessage, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when there was no HTTP answer or it could not be read. */
    public int status() {
        return status;
    }

    /** 400 on a page request: the cursor expired or was refused; the cycle starts over. */
    public boolean badRequest() {
        return status == 400;
    }
}
