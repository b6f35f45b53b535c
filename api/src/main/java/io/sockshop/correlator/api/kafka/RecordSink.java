package io.sockshop.correlator.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Applies the records of one topic to in-memory state. */
@FunctionalInterface
public interface RecordSink {

    /**
     * @throws io.sockshop.correlator.model.MalformedEventException when the record is not a valid
     *         event of the topic's type; the materializer counts it and goes on
     */
    void accept(ConsumerRecord<byte[], byte[]> record);
}
