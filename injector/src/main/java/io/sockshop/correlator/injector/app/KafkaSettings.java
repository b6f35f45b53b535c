package io.sockshop.correlator.injector.app;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.kafka.TopicBootstrap;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The injector's topics and Kafka client settings. The pending-restores topic is the injector's
 * private state (like a Kafka Streams changelog): no other service reads it, so it is declared here
 * rather than in the contract's {@code Topics}, and its format can change with the injector.
 */
final class KafkaSettings {

    private final String bootstrapServers;
    private final InjectorConfig config;

    KafkaSettings(String bootstrapServers, InjectorConfig config) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrap.servers must not be blank");
        }
        if (config.kafka().partitions() < 1) {
            throw new IllegalArgumentException("injector.kafka.partitions must be at least 1, was "
                    + config.kafka().partitions());
        }
        this.bootstrapServers = bootstrapServers;
        this.config = config;
    }

    static TopicDescriptor<String, byte[]> restoresTopic(String name) {
        return new TopicDescriptor<>(name, Serdes.String(), Serdes.ByteArray(), true,
                "The injector's pending restores (compacted); key run id; value JSON, tombstone when restored");
    }

    TopicDescriptor<String, CloudEvent<InjectionEvent>> injections() {
        return Topics.INJECTIONS.withPrefix(config.kafka().topicPrefix().orElse(""));
    }

    TopicDescriptor<String, byte[]> restores() {
        return restoresTopic(config.kafka().topicPrefix().orElse("") + config.kafka().restoresTopic());
    }

    Map<String, Object> clientConfig() {
        Map<String, Object> client = new HashMap<>(config.kafka().client());
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return client;
    }

    /** The injections topic with the raw topics' partition count (co-partitioned); restores on one partition. */
    void ensureTopics() {
        try (Admin admin = Admin.create(clientConfig())) {
            TopicBootstrap.ensure(admin, List.of(injections()), config.kafka().partitions(),
                    config.kafka().replicationFactor(), config.kafka().timeout());
            TopicBootstrap.ensure(admin, List.of(restores()), 1, config.kafka().replicationFactor(),
                    config.kafka().timeout());
        }
    }
}
