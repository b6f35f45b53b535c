package io.sockshop.correlator.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerSelectorTest {

    @ParameterizedTest(name = "KAFKA_BOOTSTRAP_SERVERS={0}, docker={1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "broker:9092, true,  EXTERNAL",
            "broker:9092, false, EXTERNAL",
            "null,        true,  TESTCONTAINERS",
            "null,        false, EMBEDDED",
            "'  ',        false, EMBEDDED",
            "'  ',        true,  TESTCONTAINERS",
    })
    void choosesExternalThenDockerThenEmbedded(String bootstrap, boolean docker, BrokerSelector.Choice expected) {
        Map<String, String> env = new HashMap<>();
        if (bootstrap != null) {
            env.put(BrokerSelector.BOOTSTRAP_ENV, bootstrap);
        }
        assertThat(BrokerSelector.choose(env, () -> docker)).isEqualTo(expected);
    }

    @Test
    void externalBrokerIsChosenWithoutProbingDocker() {
        BrokerSelector.Choice choice = BrokerSelector.choose(Map.of(BrokerSelector.BOOTSTRAP_ENV, "broker:9092"), () -> {
            throw new AssertionError("Docker must not be probed when KAFKA_BOOTSTRAP_SERVERS is set");
        });
        assertThat(choice).isEqualTo(BrokerSelector.Choice.EXTERNAL);
    }

    @Test
    void externalBrokerUsesTheGivenBootstrapServers() {
        try (KafkaBroker broker = BrokerSelector.start(Map.of(BrokerSelector.BOOTSTRAP_ENV, " broker:9092 "), () -> false)) {
            assertThat(broker.choice()).isEqualTo(BrokerSelector.Choice.EXTERNAL);
            assertThat(broker.bootstrapServers()).isEqualTo("broker:9092");
        }
    }
}
