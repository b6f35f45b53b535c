package io.sockshop.correlator.collector.kafka;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.testkit.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a topic from the start with read_committed, as the correlator does. */
public final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent<T>> consumer;
    private final List<ConsumerRecord<String, CloudEvent<T>>> records = new ArrayList<>();

    public TopicReader(KafkaBroker broker, TopicDescriptor<String, CloudEvent<T>> topic, String name) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything read so far, after one more poll. */
    public List<ConsumerRecord<String, CloudEvent<T>>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return List.copyOf(records);
    }

    public List<CloudEvent<T>> events() {
        return poll().stream().map(ConsumerRecord::value).toList();
    }

    /** Reads up to the current end of every partition and returns all. */
    public List<CloudEvent<T>> readToEnd() {
        var end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
