package io.sockshop.correlator.engine;

import io.sockshop.correlator.engine.detect.Detectors;
import io.sockshop.correlator.engine.incident.IncidentRecord;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.ServiceStateSerde;
import io.sockshop.correlator.engine.stream.ScoringProcessor;
import io.sockshop.correlator.engine.stream.ScoringState;
import io.sockshop.correlator.engine.stream.SignalProcessor;
import io.sockshop.correlator.engine.stream.WriteBackStore;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * Builds the correlator's Kafka Streams topology: the same one for the service, the tests, the
 * replay tool and the benchmarks.
 *
 * <pre>
 * k8s, datadog.logs, datadog.metrics (bytes) --> signals --> findings, incidents, service-health, deadletter
 *                                                    \--(incident changes, watermark ticks)--> scoring
 * injections (bytes) ---------------------------------------------------------------------> scoring --> scores, deadletter
 * </pre>
 *
 * Raw topics are read as bytes and decoded inside the processors, so that a malformed record is
 * forwarded to the dead-letter sink within the exactly-once transaction. All five source topics are
 * in one sub-topology: they must have the same partition count (they are keyed by application).
 * Stores are cached: an entry written by many records between two commits reaches its changelog once
 * (the signal processor's stores through {@link WriteBackStore}, the scoring store through Kafka Streams' cache).
 */
public final class CorrelatorTopology {

    public static final String SIGNALS = "signals";
    public static final String SCORING = "scoring";

    private CorrelatorTopology() {
    }

    public static Topology build(CorrelatorConfig config) {
        return build(config, new EngineMetrics());
    }

    public static Topology build(CorrelatorConfig config, EngineMetrics metrics) {
        return build(config, metrics, SignalProcessor.DEFAULT_CACHED_APPLICATIONS);
    }

    /** With {@code cachedApplications} applications' state kept in the heap between records (the rest is read from the stores). */
    public static Topology build(CorrelatorConfig config, EngineMetrics metrics, int cachedApplications) {
        String p = config.topicPrefix();
        TopicDescriptor<?, ?> k8s = Topics.K8S.withPrefix(p);
        TopicDescriptor<?, ?> logs = Topics.DATADOG_LOGS.withPrefix(p);
        TopicDescriptor<?, ?> metricsTopic = Topics.DATADOG_METRICS.withPrefix(p);
        TopicDescriptor<?, ?> injections = Topics.INJECTIONS.withPrefix(p);
        var findings = Topics.FINDINGS.withPrefix(p);
        var incidents = Topics.INCIDENTS.withPrefix(p);
        var health = Topics.SERVICE_HEALTH.withPrefix(p);
        var scores = Topics.SCORES.withPrefix(p);
        var deadLetters = Topics.DEAD_LETTERS.withPrefix(p);

        Topology t = new Topology();
        t.addSource("raw-signals", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                k8s.name(), logs.name(), metricsTopic.name());
        t.addSource("raw-injections", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                injections.name());

        SignalProcessor.Names names = new SignalProcessor.Names(k8s.name(), logs.name(), metricsTopic.name(),
                "findings-sink", "incidents-sink", "health-sink", "deadletter-sink", SCORING);
        t.addProcessor(SIGNALS, () -> new SignalProcessor(config, names, Detectors.shipped(), metrics, cachedApplications),
                "raw-signals");
        t.addProcessor(SCORING, () -> new ScoringProcessor(config, "scores-sink", "deadletter-sink", metrics),
                "raw-injections", SIGNALS);

        // The signal processor keeps the objects of its stores in the heap; a write-back cache serialises each
        // changed entry once per commit instead of at every put into Kafka Streams' byte cache.
        t.addStateStore(WriteBackStore.builder(Stores.keyValueStoreBuilder(store(config, StoreNames.SERVICE_STATE),
                Serdes.String(), new ServiceStateSerde())), SIGNALS);
        t.addStateStore(WriteBackStore.builder(Stores.keyValueStoreBuilder(store(config, StoreNames.APP_STATE),
                Serdes.String(), new JsonStateSerde<>(AppState.class))), SIGNALS);
        t.addStateStore(WriteBackStore.builder(Stores.keyValueStoreBuilder(store(config, StoreNames.INCIDENTS),
                Serdes.String(), new JsonStateSerde<>(IncidentRecord.class))), SIGNALS);
        t.addStateStore(Stores.keyValueStoreBuilder(store(config, StoreNames.SCORING), Serdes.String(),
                new JsonStateSerde<>(ScoringState.class)).withCachingEnabled(), SCORING);

        sink(t, "findings-sink", findings.name(), findings.keySerde(), findings.valueSerde(), SIGNALS);
        sink(t, "incidents-sink", incidents.name(), incidents.keySerde(), incidents.valueSerde(), SIGNALS);
        sink(t, "health-sink", health.name(), health.keySerde(), health.valueSerde(), SIGNALS);
        sink(t, "scores-sink", scores.name(), scores.keySerde(), scores.valueSerde(), SCORING);
        sink(t, "deadletter-sink", deadLetters.name(), deadLetters.keySerde(), deadLetters.valueSerde(), SIGNALS, SCORING);
        return t;
    }

    /** The topics the topology reads and writes, with the configured prefix: for topic creation. */
    public static List<TopicDescriptor<?, ?>> topics(CorrelatorConfig config) {
        return Topics.all().stream().<TopicDescriptor<?, ?>>map(d -> d.withPrefix(config.topicPrefix())).toList();
    }

    private static KeyValueBytesStoreSupplier store(CorrelatorConfig config, String name) {
        return config.inMemoryStores() ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sink(Topology t, String name, String topic, Serde<?> keySerde, Serde<?> valueSerde,
                             String... parents) {
        t.addSink(name, topic, (org.apache.kafka.common.serialization.Serializer) keySerde.serializer(),
                (org.apache.kafka.common.serialization.Serializer) valueSerde.serializer(), parents);
    }
}
