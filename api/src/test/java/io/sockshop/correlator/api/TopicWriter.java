package io.sockshop.correlator.api;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes contract records as the correlator does: transactionally, with the topic's serdes, so the
 * API's read_committed consumer sees them only once committed.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    public TopicWriter(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "api-test-" + UUID.randomUUID());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(config);
        producer.initTransactions();
    }

    /** Writes the records, keyed by their partition key, in one committed transaction. */
    public <T> void commit(TopicDescriptor<String, CloudEvent<T>> topic, List<CloudEvent<T>> events) {
        write(topic, events, true);
    }

    /** Writes the records in a transaction that is then aborted: read_committed readers never see them. */
    public <T> void abort(TopicDescriptor<String, CloudEvent<T>> topic, List<CloudEvent<T>> events) {
        write(topic, events, false);
    }

    private <T> void write(TopicDescriptor<String, CloudEvent<T>> topic, List<CloudEvent<T>> events, boolean commit) {
        producer.beginTransaction();
        for (CloudEvent<T> event : events) {
            producer.send(new ProducerRecord<>(topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), event.partitionkey()),
                    topic.valueSerde().serializer().serialize(topic.name(), event)));
        }
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Raw bytes, e.g. a malformed record, committed. */
    public void commitRaw(String topic, byte[] key, byte[] value) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }
}
