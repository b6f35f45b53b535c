package io.sockshop.correlator.reliability;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.CorrelatorTopology;
import io.sockshop.correlator.engine.EngineMetrics;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.MalformedEventException;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.kafka.DeadLetterHeaders;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.Hostile;
import io.sockshop.correlator.reliability.support.KafkaIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile records at every input topic of the correlator, through the real topology
 * ({@code CorrelatorTopology.build}, the one the service runs) in a TopologyTestDriver: every record is
 * either processed or dead-lettered, never both, never neither, never an exception out of the
 * topology; the dead-lettered ones are exactly those the contract refuses (the model's codec and the
 * {@code <cluster>/<namespace>} key rule), each with a reason and its key, value and headers byte for
 * byte; and refused records mixed into a guide incident do not change a single finding.
 */
class CorrelatorHostileInputProperties {

    private static final String APP = "kind-sockshop/sock-shop";

    /** The four inputs and their contract type. */
    enum Input {
        K8S(Topics.K8S.name(), EventType.K8S_OBJECT, "k8s-object.v1.json"),
        LOGS(Topics.DATADOG_LOGS.name(), EventType.DATADOG_LOG, "datadog-log.v1.json"),
        METRICS(Topics.DATADOG_METRICS.name(), EventType.DATADOG_METRIC, "datadog-metric.v1.json"),
        INJECTIONS(Topics.INJECTIONS.name(), EventType.INJECTION, "injection.v1.json");

        final String topic;
        final EventType<?> type;
        final String example;

        Input(String topic, EventType<?> type, String example) {
            this.topic = topic;
            this.type = type;
            this.example = example;
        }
    }

    record RawRecord(Input input, byte[] key, Hostile.Sample value) {
        @Override
        public String toString() {
            return input + " key=" + (key == null ? "null" : new String(key, StandardCharsets.UTF_8)) + " " + value;
        }
    }

    @Provide
    Arbitrary<RawRecord> records() {
        return Arbitraries.of(Input.values()).flatMap(input -> Combinators.combine(
                Hostile.keys(APP), Hostile.values(Hostile.example(input.example))).as((k, v) -> new RawRecord(input, k, v)));
    }

    @Property(tries = 80)
    void everyRecordIsProcessedOrDeadLetteredWithItsReasonAndTheCountsAddUp(
            @ForAll @Size(min = 1, max = 25) List<@From("records") RawRecord> batch) {
        EngineMetrics metrics = new EngineMetrics();
        try (TopologyTestDriver driver = driver(metrics)) {
            Map<Input, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
            for (Input input : Input.values()) {
                inputs.put(input, driver.createInputTopic(input.topic, Serdes.ByteArray().serializer(),
                        Serdes.ByteArray().serializer()));
            }
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(Topics.DEAD_LETTERS.name(),
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
            Map<String, RawRecord> byPosition = new HashMap<>();
            Map<Input, Long> offsets = new HashMap<>();
            Set<String> refusedByContract = new HashSet<>();
            Instant time = GuideIncidents.T0;
            for (RawRecord r : batch) {
                long offset = offsets.merge(r.input(), 1L, Long::sum) - 1;
                String position = r.input().topic + "@" + offset;
                byPosition.put(position, r);
                if (refused(r)) {
                    refusedByContract.add(position);
                }
                var headers = new RecordHeaders().add("made-as", r.value().kind().getBytes(StandardCharsets.UTF_8));
                time = time.plusSeconds(1);
                inputs.get(r.input()).pipeInput(new TestRecord<>(r.key(), r.value().bytes(), headers, time));
            }

            List<TestRecord<byte[], byte[]>> deadLetters = dead.readRecordsToList();
            Set<String> deadPositions = new HashSet<>();
            Map<String, String> reasons = new HashMap<>();
            for (TestRecord<byte[], byte[]> d : deadLetters) {
                String position = KafkaIO.header(asConsumerRecord(d), DeadLetterHeaders.SOURCE_TOPIC) + "@"
                        + KafkaIO.header(asConsumerRecord(d), DeadLetterHeaders.SOURCE_OFFSET);
                RawRecord original = byPosition.get(position);
                assertThat(original).as("a dead letter names the record it refuses: %s", position).isNotNull();
                assertThat(deadPositions.add(position)).as("dead-lettered once: %s", original).isTrue();
                assertThat(d.value()).as("value byte for byte").isEqualTo(original.value().bytes());
                assertThat(d.key()).as("key byte for byte").isEqualTo(original.key());
                assertThat(header(d, "made-as")).isEqualTo(original.value().kind());
                assertThat(header(d, DeadLetterHeaders.REASON)).as("reason of %s", original).isNotBlank();
                reasons.put(position, header(d, DeadLetterHeaders.REASON));
                assertThat(header(d, DeadLetterHeaders.REFUSED_BY)).isEqualTo("correlator");
            }
            assertThat(deadPositions).as("every record the contract refuses is dead-lettered").containsAll(refusedByContract);
            // Beyond the contract: a valid record with a string of 100,000 characters may be more than the engine keeps
            // (its compact state format); it is dead-lettered with the cause, and nothing else valid is.
            for (String position : deadPositions) {
                if (!refusedByContract.contains(position)) {
                    RawRecord r = byPosition.get(position);
                    assertThat(r.value().kind()).as("a valid record dead-lettered: %s (%s)", r, reasons.get(position))
                            .startsWith("string of");
                    assertThat(reasons.get(position)).startsWith("correlator could not process the record");
                }
            }
            long processed = metrics.processedByType().values().stream().mapToLong(Long::longValue).sum();
            assertThat(processed + deadLetters.size()).as("processed + dead-lettered = records in").isEqualTo(batch.size());
            assertThat(metrics.deadLetterCount()).isEqualTo(deadLetters.size());
        }
    }

    /** The reference: incident 3 on its own. */
    private static final List<CloudEvent<?>> INCIDENT = GuideIncidents.paymentDown(Names.SOCK_SHOP).events();
    private static final List<Finding> REFERENCE;

    static {
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            REFERENCE = h.pipeAll(INCIDENT).findings().stream().map(CloudEvent::data).toList();
        }
    }

    @Property(tries = 5)
    void refusedRecordsMixedIntoAnIncidentChangeNoFinding(@ForAll @Size(min = 50, max = 200) List<@From("records") RawRecord> noise) {
        List<RawRecord> refusedOnly = noise.stream().filter(CorrelatorHostileInputProperties::refused).toList();
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            int every = Math.max(1, INCIDENT.size() / (refusedOnly.size() + 1));
            int next = 0;
            for (int i = 0; i < INCIDENT.size(); i++) {
                h.pipe(INCIDENT.get(i));
                if (i % every == 0 && next < refusedOnly.size()) {
                    RawRecord r = refusedOnly.get(next++);
                    if (r.input() == Input.LOGS) {
                        h.pipeRawLog(r.key(), r.value().bytes(), new RecordHeaders(), INCIDENT.get(i).time());
                    } else if (r.input() == Input.K8S) {
                        h.k8sTopic().pipeInput(new TestRecord<>(r.key(), r.value().bytes(), new RecordHeaders(),
                                INCIDENT.get(i).time()));
                    }
                }
            }
            assertThat(h.findings().stream().map(CloudEvent::data).toList()).isEqualTo(REFERENCE);
            assertThat(h.metrics().deadLetterCount()).isEqualTo(refusedOnly.stream()
                    .filter(r -> r.input() == Input.LOGS || r.input() == Input.K8S).limit(next).count());
        }
    }

    /** What the contract refuses: a key that is not {@code <cluster>/<namespace>}, or a value its codec refuses. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean refused(RawRecord r) {
        if (r.key() == null) {
            return true;
        }
        try {
            ApplicationKey.parse(new String(r.key(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return true;
        }
        try {
            new EventCodec(r.input().type).decode(r.value().bytes());
            return false;
        } catch (MalformedEventException e) {
            return true;
        }
    }

    private static TopologyTestDriver driver(EngineMetrics metrics) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hostile-input");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(CorrelatorTopology.build(CorrelatorConfig.defaults().withInMemoryStores(true), metrics),
                props);
    }

    private static String header(TestRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> asConsumerRecord(TestRecord<byte[], byte[]> r) {
        var c = new org.apache.kafka.clients.consumer.ConsumerRecord<>("dlq", 0, 0, r.key(), r.value());
        r.headers().forEach(h -> c.headers().add(h));
        return c;
    }
}
