package io.sockshop.correlator.demo;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.MalformedEventException;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Follows the findings and scores topics the way a downstream agent does: from the beginning, with
 * {@code read_committed}, without a consumer group. Hands every finding to a printer and keeps the
 * latest score of each run.
 */
public final class FindingsWatcher implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent<?>> consumer;
    private final Consumer<Finding> onFinding;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, ScoreRecord> scores = new ConcurrentHashMap<>();
    private final Thread thread;
    private final TopicDescriptor<String, CloudEvent<Finding>> findingsTopic;
    private final TopicDescriptor<String, CloudEvent<ScoreRecord>> scoresTopic;
    private volatile boolean running = true;

    @SuppressWarnings({"unchecked", "rawtypes"})
    public FindingsWatcher(String bootstrapServers, String topicPrefix, Consumer<Finding> onFinding) {
        this.onFinding = onFinding;
        this.findingsTopic = Topics.FINDINGS.withPrefix(topicPrefix);
        this.scoresTopic = Topics.SCORES.withPrefix(topicPrefix);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, findingsTopic.keySerde().deserializer(),
                (org.apache.kafka.common.serialization.Deserializer) new LenientDeserializer());
        this.thread = new Thread(this::run, "demo-findings-watcher");
        this.thread.setDaemon(true);
    }

    public FindingsWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(findingsTopic.name(), scoresTopic.name())) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        try {
            while (running) {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() == null) {
                        continue;
                    }
                    if (record.value().data() instanceof Finding finding) {
                        synchronized (findings) {
                            findings.add(finding);
                        }
                        onFinding.accept(finding);
                    } else if (record.value().data() instanceof ScoreRecord score) {
                        scores.put(score.runId(), score);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    public Map<String, ScoreRecord> scores() {
        return Map.copyOf(scores);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes findings and scores by their type; anything else is skipped, never fatal to the demo. */
    private static final class LenientDeserializer implements org.apache.kafka.common.serialization.Deserializer<CloudEvent<?>> {
        @Override
        public CloudEvent<?> deserialize(String topic, byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            try {
                return topic.endsWith(Topics.SCORES.name())
                        ? Topics.SCORES.valueSerde().deserializer().deserialize(topic, bytes)
                        : Topics.FINDINGS.valueSerde().deserializer().deserialize(topic, bytes);
            } catch (MalformedEventException e) {
                return null;
            }
        }
    }
}
