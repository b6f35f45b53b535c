package io.sockshop.correlator.testkit;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a container of the official {@code apache/kafka} image, at the same version as the Kafka
 * clients on the classpath; used only where a Docker engine is reachable.
 */
public final class TestcontainersKafkaBroker implements KafkaBroker {

    private final KafkaContainer container;

    private TestcontainersKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    public static TestcontainersKafkaBroker start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new TestcontainersKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public BrokerSelector.Choice choice() {
        return BrokerSelector.Choice.TESTCONTAINERS;
    }

    @Override
    public void close() {
        container.stop();
    }
}
