package io.sockshop.correlator.sandbox.datadog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/query?from=&to=&query=} (epoch seconds), answered in the shape of the recorded
 * exchange. Grouped queries carry float timestamps, as a grouped real response does, so clients
 * meet both number forms.
 */
final class MetricsQueryEndpoint {

    private final MetricStore store;
    private final ObjectMapper json;

    MetricsQueryEndpoint(MetricStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    ObjectNode query(Map<String, String> parameters, Instant now) {
        long from = seconds(parameters, "from");
        long to = seconds(parameters, "to");
        if (to < from) {
            throw new IllegalArgumentException("to must not be before from");
        }
        MetricQuery query = MetricQuery.parse(parameters.get("query"));
        List<MetricStore.ResultSeries> result = store.query(query, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
        ObjectNode response = json.createObjectNode();
        response.put("status", "ok");
        response.put("res_type", "time_series");
        response.put("resp_version", 1);
        response.put("query", query.text());
        response.put("from_date", from * 1000);
        response.put("to_date", to * 1000);
        ArrayNode series = response.putArray("series");
        boolean grouped = !query.groupBy().isEmpty();
        for (MetricStore.ResultSeries s : result) {
            series.add(render(query, s, grouped));
        }
        response.putArray("values");
        response.putArray("times");
        response.put("message", "");
        ArrayNode groupBy = response.putArray("group_by");
        query.groupBy().forEach(groupBy::add);
        return response;
    }

    private ObjectNode render(MetricQuery query, MetricStore.ResultSeries s, boolean grouped) {
        ObjectNode node = json.createObjectNode();
        String scope = s.group().isEmpty() ? String.join(",", query.filters().isEmpty() ? List.of("*") : query.filters())
                : s.group().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).sorted().collect(Collectors.joining(","));
        node.put("metric", s.metric());
        node.put("display_name", s.metric());
        node.put("expression", query.aggregator() + ":" + s.metric() + "{" + scope + "}");
        node.put("scope", scope);
        ArrayNode tagSet = node.putArray("tag_set");
        s.group().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).sorted().forEach(tagSet::add);
        if (grouped) {
            node.put("aggr", query.aggregator());
        } else {
            node.putNull("aggr");
        }
        long interval = s.points().size() > 1 ? (s.points().lastKey() - s.points().firstKey()) / 1000 / (s.points().size() - 1) : 10;
        node.put("interval", interval);
        node.put("length", s.points().size());
        node.put("start", s.points().firstKey());
        node.put("end", s.points().lastKey() + interval * 1000 - 1);
        node.put("query_index", 0);
        node.putObject("attributes");
        ArrayNode unit = node.putArray("unit");
        Units.describe(s.unit()).ifPresentOrElse(u -> unit.add(json.valueToTree(u)), unit::addNull);
        unit.addNull();
        ArrayNode points = node.putArray("pointlist");
        s.points().forEach((t, v) -> {
            ArrayNode point = points.addArray();
            if (grouped) {
                point.add((double) t);
            } else {
                point.add(t);
            }
            point.add(v);
        });
        return node;
    }

    private static long seconds(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required (epoch seconds)");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be epoch seconds, was '" + value + "'");
        }
    }
}
