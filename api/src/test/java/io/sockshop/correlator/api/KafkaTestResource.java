package io.sockshop.correlator.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sockshop.correlator.api.kafka.TopicNames;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.SharedKafkaBroker;

import java.util.Map;
import java.util.UUID;

/**
 * The embedded broker for the API's Quarkus tests, with the API's topics created under a prefix
 * that no other test run uses (findings with 3 partitions, so resuming spans partitions).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-token-" + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = SharedKafkaBroker.get();
        String prefix = "api-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        createTopics(broker, prefix);
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "correlator.api.topic-prefix", prefix,
                "correlator.api.token", TOKEN);
    }

    public static void createTopics(KafkaBroker broker, String prefix) {
        TopicNames topics = TopicNames.withPrefix(prefix);
        broker.createTopics(Map.of(topics.findings(), 3, topics.logs(), 3), false);
        broker.createTopics(Map.of(topics.incidents(), 3, topics.scores(), 1, topics.serviceHealth(), 3), true);
    }

    @Override
    public void stop() {
        // The shared broker outlives this app: it stops with the test JVM.
    }
}
