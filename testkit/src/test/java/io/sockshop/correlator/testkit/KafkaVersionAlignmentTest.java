package io.sockshop.correlator.testkit;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** kafka-test-common-runtime is not in the Quarkus BOM: its version property must follow the BOM's Kafka. */
class KafkaVersionAlignmentTest {

    @Test
    void testKitVersionEqualsTheBomKafkaVersion() {
        assertThat(System.getProperty("kafka.version"))
                .as("the kafka.version property of the root pom")
                .isEqualTo(AppInfoParser.getVersion());
    }
}
