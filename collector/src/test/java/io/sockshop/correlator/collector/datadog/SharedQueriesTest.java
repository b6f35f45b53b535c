package io.sockshop.correlator.collector.datadog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building the shared queries and chunking the namespaces, table-driven. */
class SharedQueriesTest {

    private static final String CPU = "avg:kubernetes.cpu.usage.total{kube_namespace:{namespace}} by {kube_deployment,pod_name}";

    static Stream<Arguments> logsQueries() {
        return Stream.of(
                // the per-namespace query of before, unchanged for one namespace
                Arguments.of("kube_namespace:{namespace}", List.of("sock-shop"), "kube_namespace:sock-shop"),
                Arguments.of("kube_namespace:{namespace}", List.of("b", "a"), "kube_namespace:(a OR b)"),
                Arguments.of("kube_namespace:{namespace}", List.of("sock-shop-0001", "sock-shop-0002", "sock-shop-0003"),
                        "kube_namespace:(sock-shop-0001 OR sock-shop-0002 OR sock-shop-0003)"),
                Arguments.of("kube_namespace:{namespace} -status:info", List.of("a", "b"), "kube_namespace:(a OR b) -status:info"),
                Arguments.of("service:web", List.of("a", "b"), "service:web"));
    }

    @ParameterizedTest
    @MethodSource("logsQueries")
    void logsQuery(String template, List<String> namespaces, String expected) {
        assertThat(SharedQueries.logsQuery(template, new NamespaceGroup(namespaces))).isEqualTo(expected);
    }

    static Stream<Arguments> metricsQueries() {
        return Stream.of(
                Arguments.of(CPU, List.of("sock-shop"),
                        "avg:kubernetes.cpu.usage.total{kube_namespace:sock-shop} by {kube_deployment,pod_name}"),
                Arguments.of(CPU, List.of("b", "a"),
                        "avg:kubernetes.cpu.usage.total{kube_namespace IN (a, b)} by {kube_deployment,pod_name,kube_namespace}"),
                Arguments.of("avg:kubernetes_state.deployment.replicas_desired{kube_namespace:{namespace}} by {kube_deployment}",
                        List.of("a", "b"),
                        "avg:kubernetes_state.deployment.replicas_desired{kube_namespace IN (a, b)} by {kube_deployment,kube_namespace}"),
                Arguments.of("sum:kubernetes.containers.restarts{kube_namespace:{namespace}}", List.of("a", "b"),
                        "sum:kubernetes.containers.restarts{kube_namespace IN (a, b)} by {kube_namespace}"),
                Arguments.of("avg:m{kube_namespace:{namespace}} by {kube_namespace,pod_name}", List.of("a", "b"),
                        "avg:m{kube_namespace IN (a, b)} by {kube_namespace,pod_name}"),
                Arguments.of("avg:m{env:prod AND kube_namespace:{namespace}} by {pod_name}", List.of("a", "b"),
                        "avg:m{env:prod AND kube_namespace IN (a, b)} by {pod_name,kube_namespace}"),
                Arguments.of("system.cpu.idle{*}", List.of("a", "b"), "system.cpu.idle{*}"));
    }

    @ParameterizedTest
    @MethodSource("metricsQueries")
    void metricsQuery(String template, List<String> namespaces, String expected) {
        assertThat(SharedQueries.metricsQuery(template, new NamespaceGroup(namespaces))).isEqualTo(expected);
    }

    static Stream<Arguments> shareable() {
        return Stream.concat(DatadogSettings.defaultMetricQueries().stream().map(q -> Arguments.of(q, true)), Stream.of(
                // Datadog refuses IN next to the symbolic ',' and '!'
                Arguments.of("avg:m{kube_namespace:{namespace},env:prod} by {pod_name}", false),
                Arguments.of("avg:m{!env:dev AND kube_namespace:{namespace}}", false),
                Arguments.of("avg:m{pod_name:{namespace}-web}", false),
                Arguments.of("avg:m{kube_namespace:{namespace}} + avg:n{kube_namespace:{namespace}}", false),
                Arguments.of("avg:m{kube_namespace:{namespace}}", true)));
    }

    @ParameterizedTest
    @MethodSource("shareable")
    void shareableMetricQueries(String template, boolean expected) {
        assertThat(SharedQueries.metricShareable(template)).isEqualTo(expected);
    }

    @Test
    void aQueryThatCannotBeSharedIsRefusedForAGroup() {
        assertThatThrownBy(() -> SharedQueries.metricsQuery("avg:m{kube_namespace:{namespace},env:prod}", NamespaceGroup.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> chunks() {
        List<String> fifty = names(50);
        return Stream.of(
                Arguments.of(fifty, 3000, 1),
                // kube_namespace:( + 14-character names joined by " OR " + ): 27 fit in 500, 10 in 200, 4 in 100
                Arguments.of(fifty, 500, 2),
                Arguments.of(fifty, 200, 5),
                Arguments.of(fifty, 100, 13),
                Arguments.of(List.of("a"), 100, 1),
                // a namespace too long for the limit on its own still gets its own query
                Arguments.of(List.of("x".repeat(150), "a", "b"), 100, 2));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void chunksStayWithinTheLengthAndCoverEveryNamespaceOnce(List<String> namespaces, int max, int expectedChunks) {
        List<NamespaceGroup> groups = SharedQueries.chunk(namespaces,
                g -> SharedQueries.logsQuery("kube_namespace:{namespace}", g), max);

        assertThat(groups).hasSize(expectedChunks);
        List<String> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.namespaces()));
        assertThat(all).containsExactlyElementsOf(namespaces.stream().sorted().toList());
        assertThat(groups).allSatisfy(g -> assertThat(g.single()
                || SharedQueries.logsQuery("kube_namespace:{namespace}", g).length() <= max).isTrue());
    }

    @Test
    void fiftyNamespacesAtTheDefaultsAreOneLogsSearchAndElevenMetricQueries() {
        DatadogSettings settings = settings(names(50), DatadogSettings.DEFAULT_MAX_QUERY_LENGTH, "kube_namespace:{namespace}",
                DatadogSettings.defaultMetricQueries());

        assertThat(SharedQueries.logsGroups(settings)).singleElement()
                .satisfies(g -> assertThat(g.namespaces()).hasSize(50));
        List<MetricQuery> queries = SharedQueries.metricQueries(settings);
        assertThat(queries).hasSize(11).allSatisfy(q -> {
            assertThat(q.group().namespaces()).hasSize(50);
            assertThat(q.query()).contains("kube_namespace IN (sock-shop-0001, ").contains("kube_namespace}");
            assertThat(q.query().length()).isLessThanOrEqualTo(DatadogSettings.DEFAULT_MAX_QUERY_LENGTH);
        });
    }

    @Test
    void oneNamespaceKeepsThePerNamespaceQueriesAndCheckpointKeys() {
        DatadogSettings settings = settings(List.of("sock-shop"), 3000, "kube_namespace:{namespace}",
                DatadogSettings.defaultMetricQueries());

        assertThat(SharedQueries.logsGroups(settings)).containsExactly(NamespaceGroup.of("sock-shop"));
        List<MetricQuery> queries = SharedQueries.metricQueries(settings);
        assertThat(queries).extracting(MetricQuery::query).containsExactlyElementsOf(DatadogSettings.defaultMetricQueries()
                .stream().map(q -> q.replace("{namespace}", "sock-shop")).toList());
        // the per-namespace collector keyed its checkpoint by the hash of the query it sent
        assertThat(queries).allSatisfy(q -> assertThat(q.id())
                .isEqualTo(io.sockshop.correlator.model.EventIds.sha256Prefix(q.query())));
        assertThat(queries.get(0).group().key()).isEqualTo("sock-shop");
    }

    @Test
    void aQueryThatCannotBeSharedRunsPerNamespaceAndOneWithoutPlaceholderRunsOnce() {
        DatadogSettings settings = settings(List.of("b", "a"), 3000, "service:web",
                List.of("avg:m{kube_namespace:{namespace},env:prod}", "system.cpu.idle{*}"));

        assertThat(SharedQueries.logsGroups(settings)).containsExactly(NamespaceGroup.of("a", "b"));
        assertThat(SharedQueries.metricQueries(settings)).extracting(MetricQuery::query).containsExactly(
                "avg:m{kube_namespace:a,env:prod}", "avg:m{kube_namespace:b,env:prod}", "system.cpu.idle{*}");
    }

    private static List<String> names(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("sock-shop-%04d", i)).toList();
    }

    private static DatadogSettings settings(List<String> namespaces, int maxLength, String logsQuery, List<String> metrics) {
        return new DatadogSettings("kind-sockshop", namespaces, "datadoghq.com", java.util.Optional.of(URI.create("http://localhost:1")),
                Secret.of("k"), Secret.of("a"), Duration.ofSeconds(10), true, logsQuery, List.of("*"), Duration.ofSeconds(15),
                Duration.ofMinutes(2), 1000, Duration.ofMinutes(15), true,
                metrics.stream().map(q -> new MetricTemplate(q, Duration.ofSeconds(30))).toList(), Duration.ofMinutes(2),
                Duration.ofMinutes(5), maxLength);
    }
}
