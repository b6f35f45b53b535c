package io.sockshop.correlator.injector.journal;

import io.sockshop.correlator.model.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pending-restores topic from the beginning to its end (committed records only): the runs
 * of this cluster that a previous injector started and did not finish.
 */
public final class PendingRestores {

    private static final Logger LOG = LoggerFactory.getLogger(PendingRestores.class);

    private PendingRestores() {
    }

    public static List<PendingRestore> read(Map<String, Object> kafkaConfig, String topic, String cluster,
                                            Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Instant deadline = Instant.now().plus(timeout);
        Map<String, PendingRestore> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new JournalException("timed out after " + timeout + " reading " + topic, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(latest, record, cluster);
                }
            }
        }
        return List.copyOf(latest.values());
    }

    private static void apply(Map<String, PendingRestore> latest, ConsumerRecord<String, byte[]> record, String cluster) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            PendingRestore pending = Json.mapper().readValue(record.value(), PendingRestore.class);
            if (cluster.equals(pending.cluster())) {
                latest.put(record.key(), pending);
            }
        } catch (IOException e) {
            // Unreadable state cannot be restored; say where it is so a person can act on it.
            LOG.error("pending restore at {}-{}@{} (run {}) is unreadable and is skipped: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
