package io.sockshop.correlator.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.SharedKafkaBroker;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/** The real service against the test JVM's Kafka broker, on topics of its own (a unique prefix). */
public class EmbeddedKafkaResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = SharedKafkaBroker.get();
        try {
            return Map.of(
                    "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
                    "correlator.topic-prefix", PREFIX,
                    "quarkus.kafka-streams.application-id", "correlator-it-" + PREFIX.substring(3, 11),
                    "kafka-streams.state.dir", Files.createTempDirectory("correlator-state").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the shared broker stops with the JVM
    }
}
