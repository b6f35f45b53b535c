package io.sockshop.correlator.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.kafka.Topics;
import io.sockshop.correlator.reliability.support.CollectorProcesses;
import io.sockshop.correlator.reliability.support.Hostile;
import io.sockshop.correlator.reliability.support.KafkaIO;
import io.sockshop.correlator.reliability.support.ServiceProcess;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.SharedKafkaBroker;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile bodies, encodings and tokens at the packaged collector's log intake ({@code POST /api/v2/logs}):
 * the answer is always one of 202, 400, 401, 413, 415, never a 5xx; every log of an accepted payload is
 * published exactly once, and nothing of a refused one. The base payload is the Agent's recorded
 * request (Datadog's v2 Send logs cassette) with the Kubernetes tags the Agent adds.
 */
class CollectorIntakeHostileInputProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = KafkaBroker.uniqueName("intake") + ".";
    private static final Set<Integer> ALLOWED = Set.of(202, 400, 401, 413, 415);
    /**
     * Each accepted log as the intake identifies it: its content and its rank among identical logs of its
     * payload. A log sent again, alone or in another payload, is an Agent retry and is not published again,
     * so the count to expect is of distinct identities, not of logs posted.
     */
    private static final Set<String> ACCEPTED_LOGS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static ServiceProcess collector;

    @BeforeContainer
    static void startCollector() {
        var settings = CollectorProcesses.withIntake(CollectorProcesses.settings(SharedKafkaBroker.get().bootstrapServers(),
                PREFIX));
        collector = CollectorProcesses.start("collector-intake-hostile", settings).awaitReady(Duration.ofMinutes(2));
    }

    @AfterContainer
    static void everyAcceptedLogPublishedOnce() {
        try {
            assertThat(collector.isAlive()).isTrue();
            String topic = Topics.DATADOG_LOGS.withPrefix(PREFIX).name();
            String bootstrap = SharedKafkaBroker.get().bootstrapServers();
            await("accepted logs published").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> KafkaIO.readAll(bootstrap, topic, true).size() >= ACCEPTED_LOGS.size());
            var published = KafkaIO.readEvents(bootstrap, topic, EventType.DATADOG_LOG, true);
            assertThat(published).extracting(e -> e.id()).doesNotHaveDuplicates();
            assertThat((long) published.size()).as("published = logs in accepted payloads").isEqualTo((long) ACCEPTED_LOGS.size());
            assertThat(collector.metrics().sum("collector_records_dropped_total")).isZero();
        } finally {
            collector.close();
        }
    }

    /** One log as the Agent sends it, with a unique message so that no two generated logs share an id. */
    private static ObjectNode agentLog() {
        ObjectNode log = JSON.createObjectNode();
        log.put("ddsource", "go");
        log.put("ddtags", "env:staging,version:5.1,kube_namespace:sock-shop,kube_deployment:payment");
        log.put("hostname", "i-012345678");
        log.put("message", "2019-11-19T14:37:58,995 INFO [process.name][20081] Hello World");
        log.put("service", "payment");
        log.put("status", "info");
        return log;
    }

    record Post(Hostile.Sample body, String encoding, String token) {
    }

    @Provide
    Arbitrary<Post> posts() {
        ArrayNode payload = JSON.createArrayNode().add(agentLog()).add(agentLog());
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.set("logs", payload);
        Arbitrary<Hostile.Sample> bodies = Arbitraries.oneOf(Hostile.values(wrapper).map(CollectorIntakeHostileInputProperties::unwrap),
                Arbitraries.integers().between(5 * 1024 * 1024 - 100, 5 * 1024 * 1024 + 1000).map(n ->
                        new Hostile.Sample("a body of " + n + " bytes", ("[" + " ".repeat(n - 2) + "]")
                                .getBytes(StandardCharsets.UTF_8))));
        Arbitrary<String> encoding = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.just("gzip")), Tuple.of(1, Arbitraries.of("deflate", "zstd", "br", "compress", "gzip, gzip")));
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(CollectorProcesses.INTAKE_TOKEN)),
                Tuple.of(1, Arbitraries.of("", "wrong", CollectorProcesses.INTAKE_TOKEN.toUpperCase(), CollectorProcesses.INTAKE_TOKEN + "x", "x".repeat(4000))));
        return Combinators.combine(bodies, encoding, token).as(Post::new);
    }

    /** The hostile variant of {"logs": [...]} as the bare array the intake takes (or what the mutation left). */
    private static Hostile.Sample unwrap(Hostile.Sample sample) {
        String text = new String(sample.bytes(), StandardCharsets.UTF_8);
        String unique = UUID.randomUUID().toString();
        text = text.replace("Hello World", "Hello " + unique);
        if (text.startsWith("{\"logs\":") && text.endsWith("}")) {
            text = text.substring("{\"logs\":".length(), text.length() - 1);
        }
        return new Hostile.Sample(sample.kind(), text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void theIntakeAnswers202Or4xxAndPublishesExactlyWhatItAccepted(@ForAll("posts") Post post) throws Exception {
        byte[] body = post.body().bytes();
        if (post.encoding().equals("gzip")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            }
            body = out.toByteArray();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.baseUrl() + "/api/v2/logs"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!post.token().isEmpty()) {
            request.header("DD-API-KEY", post.token());
        }
        if (!post.encoding().isEmpty()) {
            request.header("Content-Encoding", post.encoding());
        }
        var response = collector.send(request.build());
        assertThat(response.statusCode()).as("%s answered %s: %s", post, response.statusCode(), response.body())
                .isIn(ALLOWED);
        if (response.statusCode() == 202) {
            assertThat(post.token()).isEqualTo(CollectorProcesses.INTAKE_TOKEN);
            var parsed = JSON.readTree(post.body().bytes());
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (var item : parsed.isArray() ? parsed : JSON.createArrayNode().add(parsed)) {
                String content = item.toString();
                ACCEPTED_LOGS.add(content + "\u0000" + seen.merge(content, 1, Integer::sum));
            }
        } else if (response.statusCode() != 413) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        if (!post.token().equals(CollectorProcesses.INTAKE_TOKEN)) {
            assertThat(response.statusCode()).isIn(401, 413);
        }
    }
}
