package io.sockshop.correlator.model.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the contract's topics that do not exist yet. Brokers of this project run with
 * {@code auto.create.topics.enable=false}, as production clusters should: a typo in a topic name
 * fails loudly instead of creating a stray topic. Existing topics are left as they are.
 */
public final class TopicBootstrap {

    private TopicBootstrap() {
    }

    /**
     * @param partitions        partitions of each new topic; one application's signals always share one
     * @param replicationFactor empty for the broker's default
     */
    public static void ensure(Admin admin, Collection<? extends TopicDescriptor<?, ?>> topics, int partitions,
                              Optional<Short> replicationFactor, Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        var newTopics = topics.stream()
                .map(t -> new NewTopic(t.name(), Optional.of(partitions), replicationFactor)
                        .configs(t.compacted()
                                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                                : Map.of()))
                .toList();
        admin.createTopics(newTopics).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("timed out after " + timeout + " creating topic " + name
                        + ": is Kafka reachable?", e);
            }
        });
    }
}
