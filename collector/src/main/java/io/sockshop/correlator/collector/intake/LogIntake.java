package io.sockshop.correlator.collector.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.kafka.Publication;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The push path: a Datadog-compatible log intake. Logs become the same records as polled ones
 * ({@code datadog.log.v1} on the logs topic, keyed by the log's {@code kube_namespace}), with the ids
 * {@link IntakeParser} makes. Logs of namespaces the collector does not watch are accepted and
 * ignored (counted), like the Agent expects. A log accepted once and sent again (an Agent retry)
 * is not published again while it is among the last 100,000 accepted.
 */
public final class LogIntake {

    public static final String SOURCE = "intake";
    private static final int REMEMBERED_IDS = 100_000;

    /** What to answer. */
    public record Answer(int status, String contentType, String body, Integer retryAfterSeconds) {
        static Answer accepted() {
            return new Answer(202, "application/json", "{}", null);
        }

        static Answer problem(int status, String title, String detail, Integer retryAfter) {
            String body = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                    + ",\"detail\":" + quote(detail) + "}";
            return new Answer(status, "application/problem+json", body, retryAfter);
        }
    }

    private final String cluster;
    private final List<String> namespaces;
    private final byte[] token;
    private final int maxBodyBytes;
    private final TransactionalPublisher publisher;
    private final String topic;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Set<String> accepted = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_IDS;
                }
            }));

    public LogIntake(String cluster, List<String> namespaces, String token, int maxBodyBytes,
                     TransactionalPublisher publisher, String topic, Clock clock, MeterRegistry registry) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("collector.intake.token is required when collector.intake.enabled=true");
        }
        this.cluster = cluster;
        this.namespaces = List.copyOf(namespaces);
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * @param presentedToken the {@code DD-API-KEY} header (what the Agent and Vector send), or a bearer token
     */
    public Answer accept(String presentedToken, String contentEncoding, byte[] body) {
        if (presentedToken == null || presentedToken.isBlank()) {
            return refused(401, "Unauthorized", "missing token: send it in the DD-API-KEY header");
        }
        if (!MessageDigest.isEqual(token, presentedToken.trim().getBytes(StandardCharsets.UTF_8))) {
            return refused(401, "Unauthorized", "wrong token");
        }
        List<DatadogLog> logs;
        try {
            logs = IntakeParser.parse(Decompression.decode(body, contentEncoding, maxBodyBytes), clock.instant());
        } catch (IntakeException e) {
            String title = switch (e.status()) {
                case 413 -> "Payload Too Large";
                case 415 -> "Unsupported Media Type";
                default -> "Bad Request";
            };
            return refused(e.status(), title, e.getMessage());
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int ignored = 0;
        for (DatadogLog log : logs) {
            Optional<String> namespace = namespace(log);
            if (namespace.isEmpty()) {
                ignored++;
                continue;
            }
            if (accepted.contains(log.id())) {
                continue;
            }
            CloudEvent<DatadogLog> event = Events.datadogLog(ApplicationKey.of(cluster, namespace.get()), log);
            records.add(new ProducerRecord<>(topic, event.partitionkey(),
                    Topics.DATADOG_LOGS.valueSerde().serializer().serialize(topic, event)));
            ids.add(log.id());
        }
        if (ignored > 0) {
            Counter.builder("collector.intake.ignored").description("pushed logs of namespaces the collector does not watch")
                    .register(registry).increment(ignored);
        }
        if (records.isEmpty()) {
            return Answer.accepted();
        }
        Publication publication = Publication.of(SOURCE, records, List.of(), Map.of("log", records.size()), null);
        if (!publisher.offer(publication)) {
            return refused(503, "Service Unavailable",
                    "Kafka is unavailable and the collector's buffer is full; retry later", 10);
        }
        publication.committed().thenRun(() -> accepted.addAll(ids));
        return Answer.accepted();
    }

    /** The log's {@code kube_namespace} tag if watched; without one, the only watched namespace if there is one. */
    private Optional<String> namespace(DatadogLog log) {
        Optional<String> tagged = log.tag("kube_namespace");
        if (tagged.isPresent()) {
            return tagged.filter(namespaces::contains);
        }
        return namespaces.size() == 1 ? Optional.of(namespaces.get(0)) : Optional.empty();
    }

    private Answer refused(int status, String title, String detail) {
        return refused(status, title, detail, null);
    }

    private Answer refused(int status, String title, String detail, Integer retryAfter) {
        Counter.builder("collector.intake.refused").tag("status", String.valueOf(status))
                .description("intake requests refused").register(registry).increment();
        return Answer.problem(status, title, detail, retryAfter);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
