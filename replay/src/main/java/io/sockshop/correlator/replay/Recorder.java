package io.sockshop.correlator.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code record}: writes the records of some topics within a time range to a recording, partition by
 * partition in offset order. Reads with {@code read_committed}, so aborted transactions are not
 * recorded, and stops at the end offsets it found when it started.
 */
public final class Recorder {

    private final Map<String, Object> clientConfig;

    public Recorder(Map<String, Object> clientConfig) {
        this.clientConfig = clientConfig;
    }

    /** @return how many records were written */
    public long record(List<String> topics, Instant from, Instant to, Writer out) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long written = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seekToStart(consumer, partitions, from);
            Map<TopicPartition, Long> remaining = new HashMap<>(end);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(tp);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    if (to == null || record.timestamp() < to.toEpochMilli()) {
                        out.write(RecordingFormat.line(RecordingFormat.of(record)));
                        out.write('\n');
                        written++;
                    }
                }
                // Transaction markers take offsets too: a partition is done when the position passed its end.
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording", e);
        }
        return written;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static void seekToStart(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp offset = offsets.get(tp);
            if (offset == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, offset.offset());
            }
        }
    }
}
