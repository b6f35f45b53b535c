package io.sockshop.correlator.collector.datadog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the shared queries that poll many namespaces at once (one logs search and one query per
 * metric for all of them, instead of one per namespace) and splits the namespaces into chunks when
 * one query would grow past the configured length.
 *
 * <p>Logs: {@code {namespace}} becomes {@code (a OR b ...)} (log search syntax), e.g.
 * {@code kube_namespace:(a OR b)}. Metrics: {@code kube_namespace:{namespace}} becomes
 * {@code kube_namespace IN (a, b)} (boolean tag filter) and {@code kube_namespace} joins the
 * {@code by {...}} grouping, so that every series says which namespace it belongs to. A group of one
 * namespace gets exactly the per-namespace query of before.
 */
public final class SharedQueries {

    static final String PLACEHOLDER = "{namespace}";
    private static final String METRIC_FILTER = "kube_namespace:" + PLACEHOLDER;

    private SharedQueries() {
    }

    /** The logs query of a group. */
    public static String logsQuery(String template, NamespaceGroup group) {
        List<String> ns = group.namespaces();
        return template.replace(PLACEHOLDER, ns.size() == 1 ? ns.get(0) : "(" + String.join(" OR ", ns) + ")");
    }

    /**
     * Whether one metrics query can serve several namespaces: its namespace filter is
     * {@code kube_namespace:{namespace}} in a tag filter of functional syntax only (Datadog refuses
     * {@code IN} next to the symbolic {@code ,} and {@code !}), and it is used once.
     */
    public static boolean metricShareable(String template) {
        int at = template.indexOf(METRIC_FILTER);
        if (at < 0 || template.indexOf(PLACEHOLDER, at + METRIC_FILTER.length()) >= 0
                || template.indexOf(PLACEHOLDER) != at + "kube_namespace:".length()) {
            return false;
        }
        int open = template.lastIndexOf('{', at);
        int close = template.indexOf('}', at + METRIC_FILTER.length());
        if (open < 0 || close < 0) {
            return false;
        }
        String filter = template.substring(open + 1, at) + template.substring(at + METRIC_FILTER.length(), close);
        return filter.indexOf(',') < 0 && filter.indexOf('!') < 0;
    }

    /** The metrics query of a group; a group of more than one needs a {@link #metricShareable} template. */
    public static String metricsQuery(String template, NamespaceGroup group) {
        List<String> ns = group.namespaces();
        if (ns.size() == 1) {
            return template.replace(PLACEHOLDER, ns.get(0));
        }
        if (!template.contains(PLACEHOLDER)) {
            return template;
        }
        if (!metricShareable(template)) {
            throw new IllegalArgumentException("metrics query '" + template + "' cannot serve several namespaces");
        }
        String query = template.replace(METRIC_FILTER, "kube_namespace IN (" + String.join(", ", ns) + ")");
        return groupedByNamespace(query);
    }

    /** Adds {@code kube_namespace} to the query's {@code by {...}}, or adds {@code by {kube_namespace}}. */
    static String groupedByNamespace(String query) {
        int by = query.lastIndexOf(" by {");
        if (by < 0) {
            return query.stripTrailing() + " by {kube_namespace}";
        }
        int close = query.indexOf('}', by);
        String tags = query.substring(by + 5, close);
        for (String tag : tags.split(",")) {
            if (tag.trim().equals("kube_namespace")) {
                return query;
            }
        }
        return query.substring(0, close) + (tags.isBlank() ? "" : ",") + "kube_namespace" + query.substring(close);
    }

    /**
     * Splits the namespaces (sorted) into consecutive chunks whose rendered query stays within
     * {@code maxLength} characters; a namespace too long on its own gets a chunk of its own.
     */
    public static List<NamespaceGroup> chunk(List<String> namespaces, Function<NamespaceGroup, String> render,
                                             int maxLength) {
        List<String> sorted = namespaces.stream().distinct().sorted().toList();
        List<NamespaceGroup> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String namespace : sorted) {
            current.add(namespace);
            if (current.size() > 1 && render.apply(new NamespaceGroup(current)).length() > maxLength) {
                current.remove(current.size() - 1);
                chunks.add(new NamespaceGroup(current));
                current = new ArrayList<>(List.of(namespace));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(new NamespaceGroup(current));
        }
        return chunks;
    }

    /** The logs groups: all namespaces in as few chunks as the length allows. */
    public static List<NamespaceGroup> logsGroups(DatadogSettings settings) {
        if (!settings.logsQuery().contains(PLACEHOLDER)) {
            return List.of(new NamespaceGroup(settings.namespaces()));
        }
        return chunk(settings.namespaces(), g -> logsQuery(settings.logsQuery(), g), settings.maxQueryLength());
    }

    /** Every metrics query to run: per template, one per chunk of namespaces (one per namespace when it cannot be shared). */
    public static List<MetricQuery> metricQueries(DatadogSettings settings) {
        List<MetricQuery> queries = new ArrayList<>();
        for (MetricTemplate t : settings.metricQueries()) {
            List<NamespaceGroup> groups;
            if (!t.query().contains(PLACEHOLDER)) {
                groups = List.of(new NamespaceGroup(settings.namespaces()));
            } else if (metricShareable(t.query())) {
                groups = chunk(settings.namespaces(), g -> metricsQuery(t.query(), g), settings.maxQueryLength());
            } else {
                groups = settings.namespaces().stream().distinct().sorted().map(NamespaceGroup::of).toList();
            }
            for (NamespaceGroup group : groups) {
                queries.add(new MetricQuery(group, t.query(), metricsQuery(t.query(), group), t.interval()));
            }
        }
        return queries;
    }
}
