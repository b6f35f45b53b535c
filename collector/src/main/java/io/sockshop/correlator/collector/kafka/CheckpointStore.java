package io.sockshop.correlator.collector.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sockshop.correlator.model.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The collector's checkpoints: a compacted topic, key = what is checkpointed
 * ({@code logs/<cluster>/<namespace>}, {@code k8s/<cluster>/<namespace>/<kind>/<uid>}, ...), value = JSON.
 * Read once at start-up with {@code read_committed}, after the transactional producer is initialised,
 * so that only checkpoints committed together with their records count.
 */
public final class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final String topic;
    private final Map<String, byte[]> values;

    private CheckpointStore(String topic, Map<String, byte[]> values) {
        this.topic = topic;
        this.values = values;
    }

    /** An empty store, for tests and for a first start. */
    public static CheckpointStore empty(String topic) {
        return new CheckpointStore(topic, new HashMap<>());
    }

    /** Reads the whole checkpoint topic up to its end. */
    public static CheckpointStore load(Map<String, Object> clientConfig, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, byte[]> values = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("timed out after " + timeout + " reading checkpoints from " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
            }
        }
        LOG.infof("read %d checkpoint(s) from %s", values.size(), topic);
        return new CheckpointStore(topic, values);
    }

    public String topic() {
        return topic;
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        byte[] value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(value, type));
        } catch (IOException e) {
            // An unreadable checkpoint must not stop the collector: start that source afresh, loudly.
            LOG.errorf("ignoring unreadable checkpoint %s in %s: %s", key, topic, e.getMessage());
            return Optional.empty();
        }
    }

    /** All checkpoints whose key passes the filter, decoded. */
    public <T> Map<String, T> all(Predicate<String> keyFilter, Class<T> type) {
        Map<String, T> result = new HashMap<>();
        values.keySet().stream().filter(keyFilter)
                .forEach(key -> get(key, type).ifPresent(value -> result.put(key, value)));
        return result;
    }

    public ProducerRecord<String, byte[]> record(String key, Object value) {
        try {
            return new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode checkpoint " + key, e);
        }
    }

    public ProducerRecord<String, byte[]> tombstone(String key) {
        return new ProducerRecord<>(topic, key, null);
    }
}
