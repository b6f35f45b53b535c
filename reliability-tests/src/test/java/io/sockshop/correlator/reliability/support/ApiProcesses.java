package io.sockshop.correlator.reliability.support;

import io.sockshop.correlator.api.kafka.TopicNames;
import io.sockshop.correlator.testkit.KafkaBroker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packaged API as a process, on topics of its own (a prefix; created here, the API only reads). */
public final class ApiProcesses {

    public static final String TOKEN = "reliability-api-token-0123456789";

    private ApiProcesses() {
    }

    public static Map<String, String> settings(KafkaBroker broker, String prefix) {
        TopicNames topics = TopicNames.withPrefix(prefix);
        broker.createTopics(Map.of(topics.findings(), 3, topics.logs(), 3), false);
        broker.createTopics(Map.of(topics.incidents(), 3, topics.scores(), 1, topics.serviceHealth(), 3), true);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", broker.bootstrapServers());
        p.put("correlator.api.topic-prefix", prefix);
        p.put("correlator.api.token", TOKEN);
        return p;
    }

    public static ServiceProcess start(String name, Map<String, String> settings, String heap) {
        return ServiceProcess.start(name, Apps.jar("api"), heap, settings, Map.of()).awaitReady(Duration.ofMinutes(2));
    }

    public static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }
}
