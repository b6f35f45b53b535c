package io.sockshop.correlator.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every broker the tests use must do: the checks of the smoke tests, shared by all broker kinds. */
final class BrokerSmokeChecks {

    private BrokerSmokeChecks() {
    }

    static void plainProduceAndConsume(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic("smoke-plain", 1, false);
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll(broker, topic, "read_uncommitted", 1)).containsExactly("hello");
    }

    /** A committed and an aborted transaction: read_committed sees only the committed record. */
    static void transactionsAndReadCommitted(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic("smoke-tx", 1, false);
        try (KafkaProducer<String, String> producer = producer(broker,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaBroker.uniqueName("smoke-tx")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-after-abort"));
            producer.commitTransaction();
        }
        assertThat(readAll(broker, topic, "read_committed", 2)).containsExactly("committed", "committed-after-abort");
        assertThat(readAll(broker, topic, "read_uncommitted", 3))
                .containsExactly("committed", "aborted", "committed-after-abort");
    }

    /** A group commits its position; a new member of the group resumes after it. */
    static void consumerGroupCommit(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic("smoke-group", 1, false);
        String group = KafkaBroker.uniqueName("smoke-group");
        try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(topic, "k", "m" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        try (KafkaConsumer<String, String> consumer = consumer(broker, group, "read_committed")) {
            consumer.subscribe(List.of(topic));
            List<String> seen = poll(consumer, 4);
            assertThat(seen).containsExactly("m0", "m1", "m2", "m3");
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)));
        }
        try (Admin admin = Admin.create(broker.clientConfig())) {
            ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(group);
            assertThat(offsets.partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                    .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(2));
        }
        try (KafkaConsumer<String, String> consumer = consumer(broker, group, "read_committed")) {
            consumer.subscribe(List.of(topic));
            assertThat(poll(consumer, 2)).containsExactly("m2", "m3");
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(extra);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(KafkaBroker broker, String group, String isolation) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Reads the whole single-partition topic from the start without a group. */
    static List<String> readAll(KafkaBroker broker, String topic, String isolation, int expected) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = poll(consumer, expected);
            // Nothing more arrives: what is not there after the expected records must stay absent.
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            return values;
        }
    }

    private static List<String> poll(KafkaConsumer<String, String> consumer, int expected) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
