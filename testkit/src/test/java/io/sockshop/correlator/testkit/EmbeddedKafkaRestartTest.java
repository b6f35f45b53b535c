package io.sockshop.correlator.testkit;

import io.sockshop.correlator.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-JVM broker keeps its data and its port across a stop and a start, as a real broker restart. */
class EmbeddedKafkaRestartTest {

    @Test
    void restartKeepsDataAndPort(@TempDir Path data) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(data).build().start()) {
            KafkaBroker client = new ExternalKafkaBroker(broker.bootstrapServers());
            String topic = client.createTopic("restart", 1, false);
            try (var producer = BrokerSmokeChecks.producer(client, java.util.Map.of())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k", "before-restart")).get();
            }
            int port = broker.port();
            String bootstrap = broker.bootstrapServers();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThatThrownBy(broker::bootstrapServers).hasMessageContaining("not running");

            broker.start();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(BrokerSmokeChecks.readAll(client, topic, "read_committed", 1)).containsExactly("before-restart");
        }
        assertThat(Files.exists(data)).as("a given data directory is kept").isTrue();
    }

    @Test
    void temporaryDataDirectoryIsDeletedOnClose() {
        Path directory;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            directory = broker.dataDirectory();
            assertThat(directory).exists();
        }
        assertThat(directory).doesNotExist();
    }
}
