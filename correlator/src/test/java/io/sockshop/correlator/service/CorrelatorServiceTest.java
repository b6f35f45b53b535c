package io.sockshop.correlator.service;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.kafka.DeadLetterHeaders;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.testkit.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The real Quarkus application against the embedded broker with exactly_once_v2: the guide's
 * incident 3 goes in as the collector would publish it, plus a malformed record; the finding is read
 * with read_committed, the malformed record lands in the dead-letter topic byte for byte with its
 * reason, processing goes on, and health and metrics say so.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedKafkaResource.class)
class CorrelatorServiceTest {

    static final String P = EmbeddedKafkaResource.PREFIX;

    @Test
    void detectsIncident3ExactlyOnceAndDeadLettersMalformedInput() {
        Map<String, Object> producerConfig = new HashMap<>(SharedKafkaBroker.get().clientConfig());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        byte[] badKey = "kind-sockshop/sock-shop".getBytes(StandardCharsets.UTF_8);
        byte[] badValue = "{\"specversion\":\"1.0\",\"id\":\"x\"".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<CloudEvent<?>> events = GuideIncidents.paymentDown(Names.SOCK_SHOP).events();
            int i = 0;
            for (CloudEvent<?> e : events) {
                send(producer, e);
                if (++i == 100) {
                    var headers = new RecordHeaders().add("origin", "hand-written".getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(Topics.DATADOG_LOGS.withPrefix(P).name(), null,
                            e.time().toEpochMilli(), badKey, badValue, headers));
                }
            }
            producer.flush();
        }

        List<Finding> findings = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.FINDINGS.withPrefix(P).name()));
            EventCodec<Finding> codec = new EventCodec<>(EventType.FINDING);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> findings.add(codec.decode(r.value()).data()));
                return findings.stream().anyMatch(f -> f.status() == IncidentStatus.RESOLVED);
            });
        }
        Finding resolved = findings.stream().filter(f -> f.status() == IncidentStatus.RESOLVED).findFirst().orElseThrow();
        assertThat(resolved.signature().id()).isEqualTo(Signatures.DEPENDENCY_DOWN_INCONSISTENCY);
        assertThat(resolved.rootCause().service()).isEqualTo("payment");
        assertThat(resolved.impact().failedOrders().count()).isEqualTo(4);
        assertThat(findings).extracting(Finding::incidentId).containsOnly(resolved.incidentId());
        assertThat(findings).extracting(Finding::revision).doesNotHaveDuplicates();

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.withPrefix(P).name()));
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
                return !dead.isEmpty();
            });
        }
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(d.key()).isEqualTo(badKey);
        assertThat(d.value()).isEqualTo(badValue);
        assertThat(header(d, "origin")).isEqualTo("hand-written");
        assertThat(header(d, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.DATADOG_LOGS.withPrefix(P).name());
        assertThat(header(d, DeadLetterHeaders.REASON)).startsWith("not valid JSON");
        assertThat(header(d, DeadLetterHeaders.REFUSED_BY)).isEqualTo("correlator");
        assertThat(Long.parseLong(header(d, DeadLetterHeaders.SOURCE_OFFSET))).isGreaterThanOrEqualTo(0);

        given().get("/q/health/live").then().statusCode(200).body(containsString("deadLetters"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("correlator_dead_letters_total{topic=\"" + Topics.DATADOG_LOGS.withPrefix(P).name() + "\"} 1.0"))
                .body(containsString("correlator_records_processed_total{type=\"log\"}"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void send(KafkaProducer<byte[], byte[]> producer, CloudEvent<?> e) {
        EventType<?> type = EventType.byType(e.type()).orElseThrow();
        String topic = (type == EventType.K8S_OBJECT ? Topics.K8S : type == EventType.DATADOG_LOG ? Topics.DATADOG_LOGS
                : Topics.DATADOG_METRICS).withPrefix(P).name();
        producer.send(new ProducerRecord<>(topic, null, e.time().toEpochMilli(),
                e.partitionkey().getBytes(StandardCharsets.UTF_8), new EventCodec(type).encode(e)));
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(SharedKafkaBroker.get().clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
