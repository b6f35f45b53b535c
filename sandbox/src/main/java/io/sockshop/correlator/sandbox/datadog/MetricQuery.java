package io.sockshop.correlator.sandbox.datadog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Datadog metrics query of the form {@code [aggr:]metric{scope}[ by {tag,...}]}, e.g.
 * {@code avg:kubernetes.cpu.usage.total{kube_namespace:sock-shop} by {kube_deployment,pod_name}}.
 * Functions, arithmetic and rollups are refused with the reason rather than ignored.
 */
public record MetricQuery(String text, String aggregator, String metric, List<String> filters, List<String> groupBy) {

    private static final Pattern FORM = Pattern.compile(
            "^\\s*(?:(avg|sum|min|max|p50|p75|p90|p95|p99):)?([A-Za-z0-9_.]+)\\{([^}]*)\\}(?:\\s*by\\s*\\{([^}]*)\\})?\\s*$");

    public static MetricQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("query is required");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported metrics query '" + text
                    + "': the sandbox understands [aggr:]metric{scope} by {tags}");
        }
        List<String> filters = new ArrayList<>();
        for (String filter : m.group(3).split(",")) {
            String f = filter.trim();
            if (!f.isEmpty() && !f.equals("*")) {
                filters.add(f);
            }
        }
        List<String> groups = new ArrayList<>();
        if (m.group(4) != null) {
            for (String group : m.group(4).split(",")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
        }
        return new MetricQuery(text, m.group(1) == null ? "avg" : m.group(1), m.group(2), filters, groups);
    }

    /** Whether a series with these tags is in scope ({@code key:value}, {@code !key:value}, {@code key:prefix*}). */
    public boolean inScope(Map<String, String> tags) {
        for (String filter : filters) {
            boolean negate = filter.startsWith("!");
            String f = negate ? filter.substring(1) : filter;
            int colon = f.indexOf(':');
            String key = colon < 0 ? f : f.substring(0, colon);
            String value = colon < 0 ? null : f.substring(colon + 1);
            String actual = tags.get(key);
            boolean match = actual != null && (value == null
                    || (value.endsWith("*") ? actual.startsWith(value.substring(0, value.length() - 1)) : actual.equals(value)));
            if (match == negate) {
                return false;
            }
        }
        return true;
    }
}
