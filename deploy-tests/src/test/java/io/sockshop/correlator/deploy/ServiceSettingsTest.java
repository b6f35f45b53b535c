package io.sockshop.correlator.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The helpers that decide whether a service reads an environment variable. */
class ServiceSettingsTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "collector.kafka.bootstrap-servers, COLLECTOR_KAFKA_BOOTSTRAP_SERVERS, true",
            "collector.kafka.bootstrap-servers, COLLECTOR_KAFKA_BOOTSTRAP_SERVER, false",
            "collector.datadog.metrics.queries[*].query, COLLECTOR_DATADOG_METRICS_QUERIES_0__QUERY, true",
            "collector.datadog.metrics.queries[*].query, COLLECTOR_DATADOG_METRICS_QUERIES__QUERY, false",
            "injector.kafka.client.*, INJECTOR_KAFKA_CLIENT_SECURITY_PROTOCOL, true",
            "injector.kafka.client.*, INJECTOR_KAFKA_CLIENT, false",
            "quarkus.kafka-streams.application-id, QUARKUS_KAFKA_STREAMS_APPLICATION_ID, true",
    })
    void environmentNamesFollowQuarkusRules(String property, String env, boolean matches) {
        assertThat(EnvNames.pattern(property).matcher(env).matches()).isEqualTo(matches);
    }

    @Test
    void aConfigMappingSourceGivesEveryPropertyWithGroupsListsMapsAndRenames() {
        String source = """
                package x;
                /** {@code not a brace problem} */
                @ConfigMapping(prefix = "shop")
                public interface ShopConfig {
                    @WithDefault("kube_namespace:{namespace}")   // braces in a string
                    String logQuery();
                    Kafka kafka();
                    Optional<List<Query>> queries();
                    interface Kafka {
                        @WithDefault("3")
                        int partitions();
                        @WithName("client")
                        Map<String, String> clientSettings();
                    }
                    interface Query {
                        String query();
                        Optional<Duration> interval();
                    }
                }
                """;
        assertThat(ConfigMappingSource.properties(source)).hasValueSatisfying(names -> assertThat(names)
                .containsExactlyInAnyOrder("shop.log-query", "shop.kafka.partitions", "shop.kafka.client.*",
                        "shop.queries[*].query", "shop.queries[*].interval"));
        assertThat(ConfigMappingSource.properties("interface NotAMapping { String a(); }")).isEmpty();
    }

    @Test
    void theCollectorReadsItsMappedSettingsAndTheKeysItsDocumentNames() {
        ServiceSettings collector = ServiceSettings.of("collector");
        assertThat(collector.reads("COLLECTOR_KUBERNETES_EVENTS_API")).isPresent();
        assertThat(collector.reads("COLLECTOR_DATADOG_KEYS_DIR")).isPresent();
        assertThat(collector.reads("DD_API_KEY")).hasValueSatisfying(why -> assertThat(why).contains("docs/collector.md"));
        assertThat(collector.reads("COLLECTOR_DATADOG_SIT")).isEmpty();
        assertThat(collector.reads("KAFKA_BOOTSTRAP_SERVERS")).as("the collector has its own Kafka setting").isEmpty();
        assertThat(collector.kafkaBootstrapEnv()).containsExactly("COLLECTOR_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(collector.httpPort()).isEqualTo(8081);
    }
}
