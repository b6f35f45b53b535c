package io.sockshop.correlator.reliability.support;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writing raw records as a collector does, and reading a whole topic back as a reader would. */
public final class KafkaIO {

    private KafkaIO() {
    }

    /** An idempotent producer of bytes: retries never duplicate a record. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The raw topic of a contract event: the correlator's input. */
    public static String rawTopic(String prefix, CloudEvent<?> event) {
        EventType<?> type = EventType.byType(event.type()).orElseThrow();
        if (type == EventType.K8S_OBJECT) {
            return Topics.K8S.withPrefix(prefix).name();
        } else if (type == EventType.DATADOG_LOG) {
            return Topics.DATADOG_LOGS.withPrefix(prefix).name();
        } else if (type == EventType.DATADOG_METRIC) {
            return Topics.DATADOG_METRICS.withPrefix(prefix).name();
        } else if (type == EventType.INJECTION) {
            return Topics.INJECTIONS.withPrefix(prefix).name();
        }
        throw new IllegalArgumentException("not a raw record: " + event.type());
    }

    /** The record a collector writes: key = application, timestamp = event time, value = the CloudEvent's JSON. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ProducerRecord<byte[], byte[]> raw(String prefix, CloudEvent<?> event) {
        EventType<?> type = EventType.byType(event.type()).orElseThrow();
        return new ProducerRecord<>(rawTopic(prefix, event), null, event.time().toEpochMilli(),
                event.partitionkey().getBytes(StandardCharsets.UTF_8), new EventCodec(type).encode(event));
    }

    public static void sendAll(KafkaProducer<byte[], byte[]> producer, String prefix, List<? extends CloudEvent<?>> events) {
        for (CloudEvent<?> e : events) {
            producer.send(raw(prefix, e));
        }
        producer.flush();
    }

    /**
     * Every record of a topic up to its end as of now, all partitions: with {@code read_committed}, the end
     * is the last stable offset, so records of open transactions are not waited for.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, boolean committedOnly) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Decoded values of a topic of contract events. */
    public static <T> List<CloudEvent<T>> readEvents(String bootstrap, String topic, EventType<T> type, boolean committedOnly) {
        EventCodec<T> codec = new EventCodec<>(type);
        return readAll(bootstrap, topic, committedOnly).stream().map(r -> codec.decode(r.value())).toList();
    }

    /**
     * How many records of {@code topics} the consumer group has not committed yet (partitions without a
     * committed offset count from their start).
     */
    public static long lag(String bootstrap, String groupId, List<String> topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config)) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
                description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                var c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + groupId + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the partitions of some topics start and end, summed: what a broker holds of them now. */
    public record Extent(long start, long end) {
        public long records() {
            return end - start;
        }
    }

    public static Extent extent(String bootstrap, List<String> topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config)) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(topics).allTopicNames().get().values()) {
                description.partitions().forEach(p -> {
                    TopicPartition tp = new TopicPartition(description.name(), p.partition());
                    earliest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest());
                    latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest());
                });
            }
            long start = admin.listOffsets(earliest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            return new Extent(start, end);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + topics + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
