package io.sockshop.correlator.bench.kafka;

import io.sockshop.correlator.model.kafka.TopicBootstrap;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/** Topic creation and offset arithmetic the harnesses share. */
public final class BenchTopics implements AutoCloseable {

    private final Admin admin;

    public BenchTopics(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    public static List<String> rawTopics(String prefix) {
        return List.of(Topics.K8S.withPrefix(prefix).name(), Topics.DATADOG_LOGS.withPrefix(prefix).name(),
                Topics.DATADOG_METRICS.withPrefix(prefix).name());
    }

    /** Every topic of the contract under the prefix, with the given partition count (raw topics must all have the same). */
    public void createAll(String prefix, int partitions) {
        List<TopicDescriptor<?, ?>> all = Topics.all().stream().<TopicDescriptor<?, ?>>map(d -> d.withPrefix(prefix)).toList();
        TopicBootstrap.ensure(admin, all, partitions, java.util.Optional.of((short) 1), java.time.Duration.ofSeconds(60));
        // Created is not yet writable: until the broker hosts every new partition, a produce request is answered
        // NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry of it can end in OutOfOrderSequence and an
        // expired batch (seen with the embedded broker under load). ListOffsets is served by the partition's
        // leader and the admin client retries it until the partition is there.
        endOffsets(all.stream().map(TopicDescriptor::name).toList());
    }

    public Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            var descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            ListOffsetsResult result = admin.listOffsets(request);
            return result.all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topics + ": " + e.getCause(), e.getCause());
        }
    }

    public long total(List<String> topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topics the group has committed (its consumed position), summed over partitions. */
    public long committed(String group, List<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getCause(), e.getCause());
        }
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
