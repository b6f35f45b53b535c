package io.sockshop.correlator.bench;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads findings as an agent does: read_committed, through the contract's serde. */
public final class FindingsReader {

    private FindingsReader() {
    }

    public static KafkaConsumer<String, CloudEvent<Finding>> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.FINDINGS.keySerde().deserializer(), Topics.FINDINGS.valueSerde().deserializer());
    }

    /** Everything on the topic, from the beginning to the last stable offset. */
    public static List<CloudEvent<Finding>> readAll(String bootstrap, String topic, Duration timeout) {
        List<CloudEvent<Finding>> out = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent<Finding>> c = consumer(bootstrap)) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<String, CloudEvent<Finding>> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
