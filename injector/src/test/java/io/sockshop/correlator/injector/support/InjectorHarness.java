package io.sockshop.correlator.injector.support;

import io.sockshop.correlator.injector.cluster.ClusterOps;
import io.sockshop.correlator.injector.journal.InjectionJournal;
import io.sockshop.correlator.injector.journal.PendingRestores;
import io.sockshop.correlator.injector.load.LoadSettings;
import io.sockshop.correlator.injector.load.LocustLoad;
import io.sockshop.correlator.injector.plan.PlanBuilder;
import io.sockshop.correlator.injector.run.Injector;
import io.sockshop.correlator.injector.run.InjectorSettings;
import io.sockshop.correlator.injector.run.RecoveredRun;
import io.sockshop.correlator.injector.run.RunListener;
import io.sockshop.correlator.injector.scenario.ScenarioCatalog;
import io.sockshop.correlator.injector.scenario.ScenarioLoader;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * An injector as the service builds it (real Kafka journal, real Kubernetes client against the mock
 * API), with its own topics on the shared test broker and a {@link GateSleeper} for waits.
 */
public final class InjectorHarness implements AutoCloseable {

    public static final String CLUSTER = "kind-sockshop";

    private final KafkaBroker broker;
    private final SockShopCluster cluster;
    private final InjectorSettings settings;
    private final String injectionsTopic;
    private final String restoresTopic;
    private final String transactionalId;
    private final InjectionJournal journal;
    private final Injector injector;
    private final GateSleeper sleeper = new GateSleeper();

    private InjectorHarness(KafkaBroker broker, SockShopCluster cluster, InjectorSettings settings,
                            String injectionsTopic, String restoresTopic, String transactionalId) {
        this.broker = broker;
        this.cluster = cluster;
        this.settings = settings;
        this.injectionsTopic = injectionsTopic;
        this.restoresTopic = restoresTopic;
        this.transactionalId = transactionalId;
        this.journal = new InjectionJournal(broker.clientConfig(), injections(), restores(), transactionalId,
                Duration.ofSeconds(30));
        LocustLoad load = new LocustLoad(LoadSettings.defaults());
        PlanBuilder planner = new PlanBuilder(load);
        this.injector = new Injector(settings, new ScenarioCatalog(ScenarioLoader.shipped(), planner::validate), planner,
                new ClusterOps(cluster.client()), journal, Clock.systemUTC(), sleeper, RunListener.NONE);
    }

    public static InjectorHarness start(KafkaBroker broker, SockShopCluster cluster) {
        return start(broker, cluster, defaultSettings());
    }

    public static InjectorHarness start(KafkaBroker broker, SockShopCluster cluster, InjectorSettings settings) {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String injections = prefix + Topics.INJECTIONS.name();
        String restores = prefix + "sockshop.injector.restores.v1";
        broker.createTopics(Map.of(injections, 3), false);
        broker.createTopics(Map.of(restores, 1), true);
        return new InjectorHarness(broker, cluster, settings, injections, restores, "injector-" + prefix);
    }

    public static InjectorSettings defaultSettings() {
        return new InjectorSettings(CLUSTER, Set.of("sock-shop"), "sock-shop", Duration.ofMinutes(30), 100);
    }

    /**
     * A new injector on the same topics and transactional id, as after a process restart: it fences the
     * old one's producer and restores what the pending-restores topic says is unfinished.
     */
    public Restarted restart() {
        InjectorHarness next = new InjectorHarness(broker, cluster, settings, injectionsTopic, restoresTopic,
                transactionalId);
        List<RecoveredRun> recovered = next.injector.recover(PendingRestores.read(broker.clientConfig(), restoresTopic,
                CLUSTER, Duration.ofSeconds(30)));
        return new Restarted(next, recovered);
    }

    public record Restarted(InjectorHarness harness, List<RecoveredRun> recovered) {
    }

    public Injector injector() {
        return injector;
    }

    public GateSleeper sleeper() {
        return sleeper;
    }

    /** The run's events as committed on the injections topic, once {@code count} have arrived. */
    public List<CloudEvent<InjectionEvent>> events(String runId, int count) {
        List<CloudEvent<InjectionEvent>> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            events.clear();
            events.addAll(readAll(runId));
            return events.size() >= count;
        });
        return events;
    }

    /** The keys of the run's events, in the same order. */
    public List<String> keys(String runId) {
        List<String> keys = new ArrayList<>();
        consume(record -> {
            CloudEvent<InjectionEvent> event = decode(record);
            if (event.data().runId().equals(runId)) {
                keys.add(record.key());
            }
        });
        return keys;
    }

    private List<CloudEvent<InjectionEvent>> readAll(String runId) {
        List<CloudEvent<InjectionEvent>> events = new ArrayList<>();
        consume(record -> {
            CloudEvent<InjectionEvent> event = decode(record);
            if (event.data().runId().equals(runId)) {
                events.add(event);
            }
        });
        return events;
    }

    private CloudEvent<InjectionEvent> decode(ConsumerRecord<String, byte[]> record) {
        return Topics.INJECTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    private void consume(java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Serdes.ByteArray().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(injectionsTopic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(100)).forEach(sink);
            }
        }
    }

    private TopicDescriptor<String, CloudEvent<InjectionEvent>> injections() {
        return Topics.INJECTIONS.withPrefix(injectionsTopic.substring(0, injectionsTopic.indexOf(Topics.INJECTIONS.name())));
    }

    private TopicDescriptor<String, byte[]> restores() {
        return new TopicDescriptor<>(restoresTopic, Serdes.String(), Serdes.ByteArray(), true, "test restores");
    }

    @Override
    public void close() {
        injector.close();
        journal.close();
    }
}
