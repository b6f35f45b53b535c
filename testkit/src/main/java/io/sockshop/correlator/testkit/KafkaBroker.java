package io.sockshop.correlator.testkit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker for tests: external, in a container, or in this JVM (see {@link BrokerSelector}).
 * One per test JVM, shared; tests isolate themselves with {@link #createTopic unique topics}.
 */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** Which kind was selected, for the test log. */
    BrokerSelector.Choice choice();

    /** Client settings that reach this broker. */
    default Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return config;
    }

    /** A name no other test uses: {@code <base>-<8 hex digits>}. */
    static String uniqueName(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a topic with a unique name derived from {@code base}, and returns that name. */
    default String createTopic(String base, int partitions, boolean compacted) {
        String name = uniqueName(base);
        createTopics(Map.of(name, partitions), compacted);
        return name;
    }

    /** Creates the named topics (name to partition count), tolerating ones that already exist. */
    default void createTopics(Map<String, Integer> partitionsByName, boolean compacted) {
        Map<String, String> configs = compacted
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of();
        List<NewTopic> topics = partitionsByName.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1).configs(configs))
                .toList();
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topic " + name, e);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("timed out creating topic " + name + " on " + bootstrapServers(), e);
                }
            });
        }
    }

    @Override
    void close();
}
