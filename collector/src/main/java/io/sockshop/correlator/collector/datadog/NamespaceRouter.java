package io.sockshop.correlator.collector.datadog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which watched namespace a log or a series belongs to, from its own {@code kube_namespace} tag (as
 * the Agent tags container logs and Kubernetes metrics). A record that names none of its query's
 * namespaces is never published under a guessed key: it is dropped, counted in
 * {@code collector_datadog_unrouted_total{api,reason}} and reported in a warning per cycle. Only a
 * query for a single namespace takes untagged records as its own, as the per-namespace poller did.
 */
final class NamespaceRouter {

    static final String NO_TAG = "no-namespace-tag";
    static final String NOT_WATCHED = "namespace-not-watched";
    private static final Logger LOG = Logger.getLogger(NamespaceRouter.class);
    private static final String KEY = "kube_namespace:";

    /** The namespace, or the reason there is none. */
    record Route(String namespace, String reason, String seen) {
        boolean routed() {
            return namespace != null;
        }
    }

    private final NamespaceGroup group;
    private final String api;
    private final MeterRegistry registry;
    private final Map<String, Integer> dropped = new TreeMap<>();

    NamespaceRouter(NamespaceGroup group, String api, MeterRegistry registry) {
        this.group = group;
        this.api = api;
        this.registry = registry;
    }

    /** Routes by the first {@code kube_namespace} tag that names a namespace of the group. */
    static Route route(NamespaceGroup group, List<String> tags) {
        String seen = null;
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && tag.startsWith(KEY)) {
                    String value = tag.substring(KEY.length());
                    if (group.contains(value)) {
                        return new Route(value, null, null);
                    }
                    seen = seen == null ? value : seen;
                }
            }
        }
        if (seen != null) {
            return new Route(null, NOT_WATCHED, seen);
        }
        return group.single() ? new Route(group.namespaces().get(0), null, null) : new Route(null, NO_TAG, null);
    }

    Route route(List<String> tags) {
        Route route = route(group, tags);
        if (!route.routed()) {
            Counter.builder("collector.datadog.unrouted").tag("api", api).tag("reason", route.reason())
                    .description("Datadog logs and metric points dropped: their kube_namespace is none the query covers")
                    .register(registry).increment();
            dropped.merge(route.reason() + (route.seen() == null ? "" : " (" + route.seen() + ")"), 1, Integer::sum);
        }
        return route;
    }

    /** Warns once about what the last cycle dropped, then forgets it. */
    void reportDropped(String poller) {
        if (!dropped.isEmpty()) {
            LOG.warnf("%s dropped records not belonging to its namespaces %s: %s", poller, group.namespaces(), dropped);
            dropped.clear();
        }
    }
}
