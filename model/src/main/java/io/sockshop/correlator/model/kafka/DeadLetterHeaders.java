package io.sockshop.correlator.model.kafka;

/**
 * Headers of a dead-letter record. The record itself keeps the original key, value and headers
 * byte for byte; these headers say where it came from and why it was refused.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    public static final String REASON = "dlq.reason";
    /** Which component refused it: {@code correlator}, {@code collector}, ... */
    public static final String REFUSED_BY = "dlq.refused.by";

    private DeadLetterHeaders() {
    }
}
