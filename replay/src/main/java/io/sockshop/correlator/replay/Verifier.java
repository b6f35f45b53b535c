package io.sockshop.correlator.replay;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.model.kafka.TopicDescriptor;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs a recording through the very topology the correlator service runs, in-process and
 * deterministically: the correlator's input records in timestamp order (ties in recording order),
 * event time only. Returns the findings it emits, as the JSON lines they were on the topic.
 */
public final class Verifier {

    /** The correlator's inputs, by the contract topic name a recorded topic ends with. */
    private static final List<TopicDescriptor<?, ?>> INPUTS = List.of(Topics.K8S, Topics.DATADOG_LOGS,
            Topics.DATADOG_METRICS, Topics.INJECTIONS);

    private final CorrelatorConfig config;

    public Verifier(CorrelatorConfig config) {
        this.config = config.withTopicPrefix("").withInMemoryStores(true);
    }

    /** The result of one run: findings and how many input records were fed. */
    public record Result(List<String> findings, long inputRecords, long skippedRecords) {
    }

    public Result run(List<RecordedRecord> recording) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sockshop-correlator-verify");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "verify:9092");
        List<RecordedRecord> ordered = new ArrayList<>(recording);
        // stable: records with the same timestamp keep the recording's order
        ordered.sort(Comparator.comparingLong(RecordedRecord::timestamp));
        long fed = 0;
        long skipped = 0;
        List<String> findings = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(CorrelatorTopology.build(config), props)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
            for (TopicDescriptor<?, ?> input : INPUTS) {
                inputs.put(input.name(), driver.createInputTopic(input.name(), new ByteArraySerializer(), new ByteArraySerializer()));
            }
            TestOutputTopic<byte[], byte[]> output = driver.createOutputTopic(Topics.FINDINGS.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (RecordedRecord record : ordered) {
                Optional<String> input = contractInput(record.topic());
                if (input.isEmpty()) {
                    skipped++;
                    continue;
                }
                inputs.get(input.get()).pipeInput(new TestRecord<>(RecordingFormat.keyBytes(record),
                        RecordingFormat.valueBytes(record), RecordingFormat.headers(record),
                        Instant.ofEpochMilli(record.timestamp())));
                fed++;
                if (!output.isEmpty()) {
                    output.readValuesToList().forEach(v -> findings.add(new String(v, StandardCharsets.UTF_8)));
                }
            }
            output.readValuesToList().forEach(v -> findings.add(new String(v, StandardCharsets.UTF_8)));
        }
        return new Result(findings, fed, skipped);
    }

    /** {@code replay.sockshop.k8s.v1} and {@code sockshop.k8s.v1} both feed the k8s input. */
    static Optional<String> contractInput(String recordedTopic) {
        return INPUTS.stream().map(TopicDescriptor::name).filter(recordedTopic::endsWith).findFirst();
    }
}
