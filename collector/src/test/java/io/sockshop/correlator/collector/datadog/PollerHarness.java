package io.sockshop.correlator.collector.datadog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sockshop.correlator.collector.TestCollectors;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.KafkaProbe;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.kafka.TopicBootstrap;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A publisher on fresh topics, a stub-backed Datadog API and a hand-moved clock, for poller tests. */
final class PollerHarness implements AutoCloseable {

    static final String API_KEY = "0123456789abcdef0123456789abcdef";
    static final String APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";

    final KafkaSettings kafka;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2022-04-11T16:30:00Z"));
    final TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper(clock);
    final TransactionalPublisher publisher;
    private final KafkaProbe probe;

    PollerHarness(KafkaBroker broker) throws Exception {
        String prefix = KafkaBroker.uniqueName("dd") + ".";
        kafka = TestCollectors.kafka(broker, prefix);
        probe = new KafkaProbe(kafka.clientConfig(), Clock.systemUTC());
        TopicBootstrap.ensure(probe.admin(), List.of(Topics.DATADOG_LOGS.withPrefix(prefix),
                Topics.DATADOG_METRICS.withPrefix(prefix)), 3, Optional.empty(), Duration.ofSeconds(30));
        probe.ensureCheckpointTopic(kafka.checkpointTopicName(), 3, Duration.ofSeconds(30));
        publisher = new TransactionalPublisher(kafka, registry).start();
        publisher.initialized().get(60, TimeUnit.SECONDS);
    }

    static DatadogSettings settings(URI baseUrl, List<MetricTemplate> queries) {
        return new DatadogSettings(TestCollectors.CLUSTER, List.of(TestCollectors.NAMESPACE), "datadoghq.com",
                Optional.of(baseUrl), Secret.of(API_KEY), Secret.of(APP_KEY), Duration.ofSeconds(10),
                true, "kube_namespace:{namespace}", List.of("main"), Duration.ofSeconds(15), Duration.ofMinutes(2), 2,
                Duration.ofMinutes(15), true, queries, Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    DatadogApi api(DatadogSettings settings) {
        return new DatadogApi(settings, clock, sleeper, registry);
    }

    CheckpointStore checkpoints() {
        return CheckpointStore.load(kafka.clientConfig(), kafka.checkpointTopicName(), Duration.ofSeconds(30));
    }

    double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags).counter();
        return search == null ? 0 : search.count();
    }

    @Override
    public void close() {
        publisher.close(Duration.ofSeconds(5));
        probe.close();
    }
}
