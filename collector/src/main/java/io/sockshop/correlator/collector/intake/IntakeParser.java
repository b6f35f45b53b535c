package io.sockshop.correlator.collector.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.model.EventIds;
import io.sockshop.correlator.model.Json;
import io.sockshop.correlator.model.datadog.DatadogLog;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Datadog log intake payload ({@code POST /api/v2/logs}: a JSON array of log objects, or one
 * object) as the Datadog Agent and Vector send it: {@code message}, {@code status}, {@code hostname},
 * {@code service}, {@code ddsource}, {@code ddtags} (comma separated), {@code timestamp} (epoch ms),
 * any other field being a custom attribute.
 *
 * <p>The payload has no log id, so the intake makes one that is the same whenever the same log is
 * sent again (an Agent retry): {@code intake-} and 16 hex digits of the SHA-256 of the log's content
 * (host, service, source, tags, timestamp, status, message, attributes) and of its rank among
 * identical logs of the same payload.
 */
public final class IntakeParser {

    static final Set<String> RESERVED = Set.of("message", "status", "hostname", "host", "service", "ddsource",
            "ddtags", "timestamp");
    private static final ObjectMapper MAPPER = mapper();

    private IntakeParser() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING_DEPTH).maxStringLength(Json.MAX_STRING_LENGTH).build());
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    public static List<DatadogLog> parse(byte[] body, Instant receivedAt) throws IntakeException {
        if (body == null || body.length == 0) {
            throw new IntakeException(400, "empty body: expected a JSON array of log objects");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IntakeException(400, "not valid JSON: " + firstLine(e.getMessage()));
        }
        List<JsonNode> items = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(items::add);
        } else if (root != null && root.isObject()) {
            items.add(root);
        } else {
            throw new IntakeException(400, "expected a JSON array of log objects");
        }
        List<DatadogLog> logs = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            logs.add(log(items.get(i), i, receivedAt, seen));
        }
        return logs;
    }

    private static DatadogLog log(JsonNode item, int index, Instant receivedAt, Map<String, Integer> seen)
            throws IntakeException {
        if (!(item instanceof ObjectNode object)) {
            throw new IntakeException(400, "[" + index + "]: expected a log object");
        }
        String message = text(object, "message", index);
        String status = text(object, "status", index);
        String host = text(object, "hostname", index);
        if (host == null) {
            host = text(object, "host", index);
        }
        String service = text(object, "service", index);
        String source = text(object, "ddsource", index);
        String ddtags = text(object, "ddtags", index);
        Instant timestamp = timestamp(object.get("timestamp"), index);
        List<String> tags = new ArrayList<>();
        if (ddtags != null) {
            for (String tag : ddtags.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        if (source != null && !tags.contains("source:" + source)) {
            tags.add("source:" + source);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> {
            if (!RESERVED.contains(field.getKey()) && !field.getValue().isNull()) {
                attributes.put(field.getKey(), MAPPER.convertValue(field.getValue(), Object.class));
            }
        });
        String content = String.join("\u0000", String.valueOf(host), String.valueOf(service), String.valueOf(source),
                String.valueOf(ddtags), String.valueOf(timestamp), String.valueOf(status), String.valueOf(message),
                object.toString());
        int rank = seen.merge(content, 1, Integer::sum);
        String id = "intake-" + EventIds.sha256Prefix(content + "\u0000" + rank);
        return new DatadogLog(id, timestamp != null ? timestamp : receivedAt, service, status, host,
                message == null ? "" : message, tags, attributes);
    }

    private static String text(ObjectNode object, String field, int index) throws IntakeException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IntakeException(400, "[" + index + "]." + field + ": expected a string");
        }
        return value.asText();
    }

    /** Epoch milliseconds (what the Agent sends) or an RFC 3339 string; absent means when received. */
    private static Instant timestamp(JsonNode value, int index) throws IntakeException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || value.isFloatingPointNumber()) {
            double millis = value.asDouble();
            if (!Double.isFinite(millis) || millis < 0 || millis > 32_503_680_000_000d) {
                throw new IntakeException(400, "[" + index + "].timestamp: out of range: " + value);
            }
            return Instant.ofEpochMilli(Math.round(millis));
        }
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IntakeException(400, "[" + index + "].timestamp: not epoch milliseconds nor an RFC 3339 timestamp");
            }
        }
        throw new IntakeException(400, "[" + index + "].timestamp: expected epoch milliseconds");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
