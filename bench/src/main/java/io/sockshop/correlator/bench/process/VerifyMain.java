package io.sockshop.correlator.bench.process;

import io.sockshop.correlator.bench.mix.RawRecord;
import io.sockshop.correlator.bench.mix.SignalMix;
import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Benchmark 3 without the replay module: a large recording (the benchmark mix, already encoded, as a
 * recording holds the records' bytes) fed through the correlator's topology in-process with a
 * TopologyTestDriver and in-memory stores, in event-time order, reading the outputs as it goes: what
 * the replay tool's {@code verify} does. Only the feeding is timed, not making the records.
 * <pre>VerifyMain APPS RECORDS</pre> prints {@code VERIFY_RESULT records=N seconds=S findings=F}.
 */
public final class VerifyMain {

    public static final String RESULT = "VERIFY_RESULT";
    private static final int CHUNK = 50_000;

    private VerifyMain() {
    }

    public static void main(String[] args) {
        SignalMix mix = SignalMix.of(Integer.parseInt(args[0]), Long.parseLong(args[1]));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sockshop-correlator-verify");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "verify:9092");
        CorrelatorConfig config = CorrelatorConfig.defaults().withInMemoryStores(true);
        long fed = 0;
        long nanos = 0;
        long findings = 0;
        try (TopologyTestDriver driver = new TopologyTestDriver(CorrelatorTopology.build(config), props)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = Map.of(
                    Topics.K8S.name(), input(driver, Topics.K8S.name()),
                    Topics.DATADOG_LOGS.name(), input(driver, Topics.DATADOG_LOGS.name()),
                    Topics.DATADOG_METRICS.name(), input(driver, Topics.DATADOG_METRICS.name()));
            List<TestOutputTopic<byte[], byte[]>> outputs = new ArrayList<>();
            for (String t : List.of(Topics.FINDINGS.name(), Topics.INCIDENTS.name(), Topics.SERVICE_HEALTH.name(),
                    Topics.SCORES.name(), Topics.DEAD_LETTERS.name())) {
                outputs.add(driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            Iterator<CloudEvent<?>> events = mix.events();
            List<RawRecord> chunk = new ArrayList<>(CHUNK);
            while (events.hasNext()) {
                chunk.clear();
                while (events.hasNext() && chunk.size() < CHUNK) {
                    chunk.add(RawRecord.of(events.next(), ""));
                }
                long start = System.nanoTime();
                for (RawRecord r : chunk) {
                    inputs.get(r.topic()).pipeInput(new TestRecord<>(r.key(), r.value(), new RecordHeaders(),
                            Instant.ofEpochMilli(r.timestamp())));
                }
                findings += outputs.get(0).getQueueSize();
                outputs.forEach(o -> o.readRecordsToList());
                nanos += System.nanoTime() - start;
                fed += chunk.size();
            }
        }
        System.out.println(RESULT + " records=" + fed + " seconds=" + nanos / 1e9 + " findings=" + findings);
    }

    private static TestInputTopic<byte[], byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
