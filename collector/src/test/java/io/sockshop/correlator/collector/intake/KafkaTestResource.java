package io.sockshop.correlator.collector.intake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sockshop.correlator.testkit.KafkaBroker;
import io.sockshop.correlator.testkit.SharedKafkaBroker;

import java.util.Map;

/** The test JVM's shared broker for the packaged collector, with its own topic prefix. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PREFIX = KafkaBroker.uniqueName("intake") + ".";

    @Override
    public Map<String, String> start() {
        return Map.of("collector.kafka.bootstrap-servers", SharedKafkaBroker.get().bootstrapServers(),
                "collector.kafka.topic-prefix", PREFIX,
                "collector.kafka.transactional-id", "collector-" + PREFIX,
                "collector.kubernetes.enabled", "false",
                "collector.intake.enabled", "true",
                "collector.intake.token", IntakeEndpointTest.TOKEN);
    }

    @Override
    public void stop() {
    }
}
