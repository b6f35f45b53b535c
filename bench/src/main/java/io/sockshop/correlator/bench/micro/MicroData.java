package io.sockshop.correlator.bench.micro;

import io.sockshop.correlator.bench.mix.RawRecord;
import io.sockshop.correlator.bench.mix.SignalMix;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.engine.StoreNames;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Inputs of the micro-benchmarks, made from the benchmark mix (real formats), never hand-typed. */
final class MicroData {

    private MicroData() {
    }

    /** The first {@code n} records of a one-application mix, encoded as on the topics. */
    static List<RawRecord> records(int n) {
        List<RawRecord> out = new ArrayList<>();
        Iterator<CloudEvent<?>> events = SignalMix.of(1, n).events();
        while (events.hasNext()) {
            out.add(RawRecord.of(events.next(), ""));
        }
        return out;
    }

    /** Log messages of the mix, in the mix's proportions. */
    static List<String> messages(int n) {
        List<String> out = new ArrayList<>();
        Iterator<CloudEvent<?>> events = SignalMix.of(1, n * 2L).events();
        while (events.hasNext() && out.size() < n) {
            if (events.next().data() instanceof DatadogLog log) {
                out.add(log.message());
            }
        }
        return out;
    }

    /** Service states as the correlator holds them after steady traffic: run through the topology, read from its store. */
    static Map<String, ServiceState> serviceStates(int records) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "micro");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Map<String, ServiceState> out = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CorrelatorTopology.build(CorrelatorConfig.defaults().withInMemoryStores(true)), props)) {
            Map<String, TestInputTopic<byte[], byte[]>> in = new HashMap<>();
            for (String t : List.of(Topics.K8S.name(), Topics.DATADOG_LOGS.name(), Topics.DATADOG_METRICS.name())) {
                in.put(t, driver.createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()));
            }
            for (RawRecord r : records(records)) {
                in.get(r.topic()).pipeInput(new TestRecord<>(r.key(), r.value(), new RecordHeaders(), Instant.ofEpochMilli(r.timestamp())));
            }
            var store = driver.<String, ServiceState>getKeyValueStore(StoreNames.SERVICE_STATE);
            try (var all = store.all()) {
                all.forEachRemaining(kv -> out.put(kv.key, kv.value));
            }
        }
        return out;
    }
}
