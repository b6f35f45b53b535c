package io.sockshop.correlator.replay;

import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.WithKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** record then play then record again gives the same records under the replay prefix. */
@WithKafka
class RecordPlayTest {

    private static final long T = Instant.parse("2025-11-05T20:43:00Z").toEpochMilli();

    @Test
    void recordPlayRoundTripsKeysValuesHeadersTimestampsAndPartitions(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic("recorded", 2, false);
        byte[] event = Files.readAllBytes(Path.of(System.getProperty("contract.docs.dir"), "examples", "k8s-object.v1.json"));
        byte[] notJson = {(byte) 0xC3, '(', 'x'};
        try (KafkaProducer<byte[], byte[]> producer = producer(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                KafkaBroker.uniqueName("rec")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, T, bytes("kind-sockshop/sock-shop"), event));
            RecordHeaders headers = new RecordHeaders();
            headers.add("dlq.reason", bytes("not valid JSON"));
            producer.send(new ProducerRecord<>(topic, 1, T + 1000, bytes("kind-sockshop/sock-shop"), notJson, headers));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, T + 2000, bytes("aborted"), bytes("{\"aborted\":true}")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, (Long) (T + 3000), bytes("kind-sockshop/sock-shop"), (byte[]) null));
            producer.commitTransaction();
        }

        StringWriter out = new StringWriter();
        long written = new Recorder(broker.clientConfig()).record(List.of(topic), null, null, out);
        assertThat(written).as("committed records only").isEqualTo(3);
        List<RecordedRecord> recording = lines(out.toString());
        RecordedRecord first = recording.stream().filter(r -> r.value() != null).findFirst().orElseThrow();
        assertThat(first.value().path("type").asText()).isEqualTo("io.sockshop.correlator.k8s.object.v1");
        assertThat(first.key()).isEqualTo("kind-sockshop/sock-shop");
        assertThat(first.timestamp()).isEqualTo(T);
        RecordedRecord binary = recording.stream().filter(r -> r.valueBase64() != null).findFirst().orElseThrow();
        assertThat(binary.partition()).isEqualTo(1);
        assertThat(binary.headers()).containsExactly(new RecordedRecord.Header("dlq.reason", "not valid JSON"));

        String prefix = KafkaBroker.uniqueName("replay") + ".";
        assertThat(new Player(broker.clientConfig()).play(recording, prefix, 0)).isEqualTo(3);
        StringWriter again = new StringWriter();
        new Recorder(broker.clientConfig()).record(List.of(prefix + topic), null, null, again);
        List<RecordedRecord> replayed = lines(again.toString());
        assertThat(replayed).hasSize(3);
        assertThat(comparable(replayed, prefix)).containsExactlyInAnyOrderElementsOf(comparable(recording, ""));
    }

    @Test
    void timeRangeSelectsRecordsByTimestamp(KafkaBroker broker) throws Exception {
        String topic = broker.createTopic("ranged", 1, false);
        try (KafkaProducer<byte[], byte[]> producer = producer(broker, Map.of())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, T + i * 60_000L, bytes("k"), bytes("{\"n\":" + i + "}"))).get();
            }
        }
        StringWriter out = new StringWriter();
        new Recorder(broker.clientConfig()).record(List.of(topic), Instant.ofEpochMilli(T + 60_000),
                Instant.ofEpochMilli(T + 180_000), out);
        assertThat(lines(out.toString())).extracting(r -> r.value().path("n").asInt()).containsExactly(1, 2);
    }

    @Test
    void recordedSpeedWaitsBetweenRecords(KafkaBroker broker) {
        List<Long> waits = new ArrayList<>();
        List<RecordedRecord> recording = List.of(
                new RecordedRecord("paced", 0, 0, T, "k", List.of(), null, null),
                new RecordedRecord("paced", 0, 1, T + 10_000, "k", List.of(), null, null));
        new Player(broker.clientConfig(), waits::add).play(recording, KafkaBroker.uniqueName("paced") + ".", 10);
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(500L, 1000L));
    }

    private static List<String> comparable(List<RecordedRecord> records, String prefix) {
        return records.stream().map(r -> r.topic().substring(prefix.length()) + "|" + r.partition() + "|" + r.timestamp() + "|"
                + r.key() + "|" + r.headers() + "|" + r.value() + "|" + r.valueBase64()).toList();
    }

    private static List<RecordedRecord> lines(String text) {
        List<RecordedRecord> records = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                records.add(RecordingFormat.parse(lines[i], i + 1));
            }
        }
        return records;
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = broker.clientConfig();
        config.putAll(extra);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
