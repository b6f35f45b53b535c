package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing logs and series to their namespace, table-driven. Tags: the recorded logs search page
 * (reference/datadog, Cloud Foundry tags: no kube_namespace), the container tags the Agent attaches
 * (FORMATS.md 2.7) and the grouped metrics series' tag_set (FORMATS.md 4.2).
 */
class NamespaceRouterTest {

    private static final NamespaceGroup WATCHED = NamespaceGroup.of("sock-shop-0001", "sock-shop-0002");

    /** The tags of the first log of the recorded page, exactly as recorded. */
    static List<String> recordedLogTags() {
        JsonNode page;
        try {
            page = new ObjectMapper().readTree(DatadogStub.recorded("v2_Search_logs_returns_OK_response_with_pagination.json")
                    .get(0).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> tags = new ArrayList<>();
        page.at("/data/0/attributes/tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** The Agent's container tags (FORMATS.md 2.7) for a pod of a namespace, plus the recorded log's tags. */
    static List<String> agentTags(String namespace) {
        List<String> tags = new ArrayList<>(recordedLogTags());
        tags.addAll(List.of("container_id:3f2a", "container_name:catalogue", "image_name:weaveworksdemos/catalogue",
                "image_tag:0.3.5", "short_image:catalogue", "kube_namespace:" + namespace, "kube_deployment:catalogue",
                "kube_replica_set:catalogue-f4cd6c6f4", "pod_name:catalogue-f4cd6c6f4-abcde", "kube_container_name:catalogue",
                "kube_cluster_name:kind-sockshop", "kube_service:catalogue", "display_container_name:catalogue",
                "kube_ownerref_kind:replicaset"));
        return tags;
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("agent-tagged log of a watched namespace", WATCHED, agentTags("sock-shop-0002"), "sock-shop-0002", null),
                Arguments.of("duplicated tags, as Datadog sends them", WATCHED,
                        concat(agentTags("sock-shop-0001"), List.of("kube_namespace:sock-shop-0001")), "sock-shop-0001", null),
                Arguments.of("log of a namespace nobody watches", WATCHED, agentTags("kube-system"), null, NamespaceRouter.NOT_WATCHED),
                Arguments.of("the recorded log, no kube_namespace tag, several namespaces", WATCHED, recordedLogTags(), null,
                        NamespaceRouter.NO_TAG),
                Arguments.of("the recorded log, no kube_namespace tag, one namespace", NamespaceGroup.of("sock-shop"),
                        recordedLogTags(), "sock-shop", null),
                Arguments.of("one namespace never takes a log tagged with another", NamespaceGroup.of("sock-shop"),
                        agentTags("kube-system"), null, NamespaceRouter.NOT_WATCHED),
                Arguments.of("a watched tag after an unwatched one", WATCHED,
                        List.of("kube_namespace:other", "kube_namespace:sock-shop-0001"), "sock-shop-0001", null),
                Arguments.of("grouped series tag_set (FORMATS.md 4.2)", NamespaceGroup.of("y", "z"),
                        List.of("kube_namespace:y", "pod_name:x"), "y", null),
                Arguments.of("a tag that only starts like the key", WATCHED, List.of("kube_namespace_old:sock-shop-0001"), null,
                        NamespaceRouter.NO_TAG),
                Arguments.of("no tags at all", WATCHED, List.of(), null, NamespaceRouter.NO_TAG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routesByTheKubeNamespaceTag(String name, NamespaceGroup group, List<String> tags, String namespace, String reason) {
        NamespaceRouter.Route route = NamespaceRouter.route(group, tags);

        assertThat(route.namespace()).isEqualTo(namespace);
        assertThat(route.reason()).isEqualTo(reason);
    }

    @Test
    void countsWhatItDropsByReason() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NamespaceRouter router = new NamespaceRouter(WATCHED, "logs", registry);

        router.route(agentTags("kube-system"));
        router.route(agentTags("kube-system"));
        router.route(recordedLogTags());
        router.route(agentTags("sock-shop-0001"));

        assertThat(registry.counter("collector.datadog.unrouted", "api", "logs", "reason", NamespaceRouter.NOT_WATCHED).count())
                .isEqualTo(2);
        assertThat(registry.counter("collector.datadog.unrouted", "api", "logs", "reason", NamespaceRouter.NO_TAG).count())
                .isEqualTo(1);
    }

    @Test
    void aSeriesWithoutTagSetIsRoutedByItsScope() throws Exception {
        var series = new com.datadog.api.client.JSON().getMapper().readValue("""
                {"metric":"kubernetes.cpu.usage.total","scope":"kube_namespace:y,pod_name:x","tag_set":[],"aggr":"avg"}""",
                com.datadog.api.client.v1.model.MetricsQueryMetadata.class);

        assertThat(NamespaceRouter.route(NamespaceGroup.of("y", "z"), MetricMapper.tags(series)).namespace()).isEqualTo("y");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
