package io.sockshop.correlator.collector.kafka;

import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how the collector writes.
 *
 * @param clientConfig      common client settings (bootstrap servers, security)
 * @param topicPrefix       prefix of every topic ({@code replay.}, a test's unique prefix, or empty)
 * @param checkpointTopic   the collector's compacted checkpoint topic (unprefixed name)
 * @param transactionalId   stable per collector instance: a restarted instance fences its predecessor
 * @param bufferBudgetBytes memory the collector may hold while Kafka is unavailable
 * @param partitions        partitions of topics the collector creates
 */
public record KafkaSettings(Map<String, Object> clientConfig, String topicPrefix, String checkpointTopic,
                            String transactionalId, long bufferBudgetBytes, int partitions,
                            Duration retryBackoff) {

    public static final String DEFAULT_CHECKPOINT_TOPIC = "sockshop.collector.checkpoints.v1";

    public KafkaSettings {
        clientConfig = Map.copyOf(clientConfig);
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (bufferBudgetBytes < 1024) {
            throw new IllegalArgumentException("collector.kafka.buffer-budget must be at least 1KiB, was " + bufferBudgetBytes);
        }
    }

    public String k8sTopic() {
        return Topics.K8S.withPrefix(topicPrefix).name();
    }

    public String logsTopic() {
        return Topics.DATADOG_LOGS.withPrefix(topicPrefix).name();
    }

    public String metricsTopic() {
        return Topics.DATADOG_METRICS.withPrefix(topicPrefix).name();
    }

    public String checkpointTopicName() {
        return topicPrefix + checkpointTopic;
    }

    /** The checkpoint topic: internal to the collector, compacted, raw JSON values (see docs/collector.md). */
    public TopicDescriptor<String, byte[]> checkpointDescriptor() {
        return new TopicDescriptor<>(checkpointTopicName(), Serdes.String(), Serdes.ByteArray(), true,
                "collector checkpoints (internal)");
    }
}
