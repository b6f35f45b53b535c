package io.sockshop.correlator.replay;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * {@code play}: produces a recording into topics under a prefix ({@code replay.} by default, so a
 * replay never mixes with live data), in timestamp order, keeping keys, headers, timestamps and
 * partitions; as fast as possible, at recorded speed, or at a speed factor.
 */
public final class Player {

    public static final String DEFAULT_PREFIX = "replay.";

    private final Map<String, Object> clientConfig;
    private final LongConsumer sleeper;

    public Player(Map<String, Object> clientConfig) {
        this(clientConfig, millis -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the replay", e);
            }
        });
    }

    Player(Map<String, Object> clientConfig, LongConsumer sleeper) {
        this.clientConfig = clientConfig;
        this.sleeper = sleeper;
    }

    /**
     * @param speed 0 for as fast as possible, 1 for recorded speed, 10 for ten times faster
     * @return how many records were produced
     */
    public long play(List<RecordedRecord> recording, String prefix, double speed) {
        if (speed < 0) {
            throw new IllegalArgumentException("speed must not be negative, was " + speed);
        }
        List<RecordedRecord> ordered = recording.stream()
                .sorted(Comparator.comparingLong(RecordedRecord::timestamp)).toList();
        createTopics(ordered, prefix);
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long produced = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            long firstRecorded = ordered.isEmpty() ? 0 : ordered.get(0).timestamp();
            long started = System.nanoTime();
            for (RecordedRecord record : ordered) {
                if (speed > 0) {
                    long due = (long) ((record.timestamp() - firstRecorded) / speed);
                    long elapsed = (System.nanoTime() - started) / 1_000_000;
                    if (due > elapsed) {
                        sleeper.accept(due - elapsed);
                    }
                }
                producer.send(new ProducerRecord<>(prefix + record.topic(), record.partition(), record.timestamp(),
                        RecordingFormat.keyBytes(record), RecordingFormat.valueBytes(record), RecordingFormat.headers(record)));
                produced++;
            }
            producer.flush();
        }
        return produced;
    }

    private void createTopics(List<RecordedRecord> recording, String prefix) {
        Map<String, Integer> partitions = new HashMap<>();
        recording.forEach(r -> partitions.merge(r.topic(), r.partition() + 1, Math::max));
        try (Admin admin = Admin.create(clientConfig)) {
            var topics = partitions.entrySet().stream()
                    .map(e -> new NewTopic(prefix + e.getKey(), java.util.Optional.of(e.getValue()), java.util.Optional.empty())).toList();
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
