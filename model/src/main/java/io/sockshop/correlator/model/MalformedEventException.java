package io.sockshop.correlator.model;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that is not a valid event of the expected type. The message is the reason, written for
 * the person reading a dead-letter record: what is wrong and where ({@code data.uid is required}).
 * It extends Kafka's {@link SerializationException} so that Kafka clients and Streams treat it as a
 * deserialization failure.
 */
public class MalformedEventException extends SerializationException {

    private final String reason;

    public MalformedEventException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** The reason, without a stack trace: what a dead-letter header carries. */
    public String reason() {
        return reason;
    }
}
