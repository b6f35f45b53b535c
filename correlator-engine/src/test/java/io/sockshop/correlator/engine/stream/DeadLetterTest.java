package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.kafka.DeadLetterHeaders;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input: each kind lands in the dead-letter topic with its original key, value and headers
 * and a reason that says what is wrong; processing goes on (the incident in the same stream is still
 * found) and the metric counts it.
 */
class DeadLetterTest {

    static final String KEY = "kind-sockshop/sock-shop";

    static Stream<Arguments> malformed() {
        String validEnvelope = "{\"specversion\":\"1.0\",\"id\":\"dd-log/x\",\"source\":\"/collector/datadog/logs\","
                + "\"type\":\"io.sockshop.correlator.datadog.log.v1\",\"time\":\"2025-11-05T20:05:00Z\",";
        return Stream.of(
                Arguments.of("not JSON", KEY, "Connection refused", "not valid JSON"),
                Arguments.of("truncated JSON", KEY, "{\"specversion\":\"1.0\",\"id\":\"x\"", "not valid JSON"),
                Arguments.of("a JSON array", KEY, "[1,2]", "expected a CloudEvents JSON object"),
                Arguments.of("wrong type on the logs topic", KEY, validEnvelope.replace("datadog.log.v1", "k8s.object.v1")
                        + "\"data\":{\"action\":\"ADDED\"}}", "data"),
                Arguments.of("missing message", KEY, validEnvelope
                        + "\"data\":{\"id\":\"x\",\"timestamp\":\"2025-11-05T20:05:00Z\"}}", "message is required"),
                Arguments.of("epoch time", KEY, validEnvelope.replace("\"2025-11-05T20:05:00Z\"", "1762373100")
                        + "\"data\":{\"id\":\"x\",\"timestamp\":\"2025-11-05T20:05:00Z\",\"message\":\"m\"}}", "time"),
                Arguments.of("no key", null, validEnvelope
                        + "\"data\":{\"id\":\"x\",\"timestamp\":\"2025-11-05T20:05:00Z\",\"message\":\"m\"}}", "key: the record key is required"),
                Arguments.of("key not an application", "sock-shop", validEnvelope
                        + "\"data\":{\"id\":\"x\",\"timestamp\":\"2025-11-05T20:05:00Z\",\"message\":\"m\"}}", "key: application key"),
                Arguments.of("empty value", KEY, "", "empty record"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedRecordGoesToTheDeadLetterTopicAndProcessingGoesOn(String what, String key, String value, String reason) {
        try (Harness h = new Harness(CorrelatorConfig.defaults())) {
            var events = GuideIncidents.paymentDown(Names.SOCK_SHOP).events();
            byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            var headers = new RecordHeaders().add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
            h.pipeAll(events.subList(0, 1000));
            h.pipeRawLog(k, v, headers, GuideIncidents.T0.plusSeconds(300));
            h.pipeAll(events.subList(1000, events.size()));

            var dead = h.deadLetters();
            assertThat(dead).hasSize(1);
            TestRecord<byte[], byte[]> d = dead.get(0);
            assertThat(d.key()).isEqualTo(k);
            assertThat(d.value()).isEqualTo(v);
            assertThat(header(d, "traceparent")).isEqualTo("00-abc-01");
            assertThat(header(d, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.DATADOG_LOGS.name());
            assertThat(header(d, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(d, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(countLogs(events, 1000)));
            assertThat(header(d, DeadLetterHeaders.SOURCE_TIMESTAMP))
                    .isEqualTo(Long.toString(GuideIncidents.T0.plusSeconds(300).toEpochMilli()));
            assertThat(header(d, DeadLetterHeaders.REASON)).contains(reason);
            assertThat(header(d, DeadLetterHeaders.REFUSED_BY)).isEqualTo("correlator");
            assertThat(h.metrics().deadLettersByTopic()).containsEntry(Topics.DATADOG_LOGS.name(), 1L);
            assertThat(h.primaryIncidents()).extracting(f -> f.signature().id())
                    .containsExactly(Signatures.DEPENDENCY_DOWN_INCONSISTENCY);
        }
    }

    @org.junit.jupiter.api.Test
    void aRecordTheEngineFailsOnIsDeadLetteredWithTheCauseAndProcessingGoesOn() {
        // A user's catalogue whose "value" group can capture a non-number: the engine fails on a valid record.
        var patterns = io.sockshop.correlator.engine.logs.PatternCatalogue.parse(("patterns:\n"
                + "  - {id: loose-took, kind: DURATION, contains: 'took=', regex: 'took=(?<value>\\S+)'}\n")
                .getBytes(StandardCharsets.UTF_8), "user.yaml");
        var defaults = CorrelatorConfig.defaults();
        var config = new CorrelatorConfig("", defaults.topology(), patterns, defaults.detection(), defaults.quietPeriod(),
                defaults.updateInterval(), defaults.evaluationInterval(), defaults.healthInterval(),
                defaults.scoringGrace(), true);
        var f = new io.sockshop.correlator.engine.fixtures.Fixtures(Names.SOCK_SHOP, GuideIncidents.T0);
        try (Harness h = new Harness(config)) {
            h.pipe(f.catalogueList(10, 6));
            h.pipe(f.goHealth(11, "catalogue"));
            h.pipe(f.deployment(12, "payment", 1, 1));
            var dead = h.deadLetters();
            assertThat(dead).hasSize(2);
            assertThat(header(dead.get(0), DeadLetterHeaders.REASON))
                    .startsWith("correlator could not process the record: java.lang.NumberFormatException");
            assertThat(h.metrics().processedByType()).as("processing goes on").containsEntry("k8s", 1L).doesNotContainKey("log");
            assertThat(h.metrics().deadLettersByTopic()).containsEntry(Topics.DATADOG_LOGS.name(), 2L);
        }
    }

    private static long countLogs(java.util.List<io.sockshop.correlator.model.CloudEvent<?>> events, int upTo) {
        return events.subList(0, upTo).stream().filter(e -> e.type().endsWith("datadog.log.v1")).count();
    }

    private static String header(TestRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
