package io.sockshop.correlator.reliability.support;

import io.sockshop.correlator.api.KafkaTestResource;
import io.sockshop.correlator.testkit.KafkaBroker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The packaged API as a process, on topics of its own (a prefix, created here as the API's tests create them). */
public final class ApiProcesses {

    public static final String TOKEN = "reliability-api-token-0123456789";

    private ApiProcesses() {
    }

    public static Map<String, String> settings(KafkaBroker broker, String prefix) {
        KafkaTestResource.createTopics(broker, prefix);
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
