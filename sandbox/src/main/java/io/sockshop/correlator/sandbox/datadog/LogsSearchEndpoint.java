package io.sockshop.correlator.sandbox.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sockshop.correlator.sandbox.logs.LogEvent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** {@code POST /api/v2/logs/events/search}, answered like the recorded exchanges of the real API. */
final class LogsSearchEndpoint {

    /** Datadog always writes milliseconds: 2022-04-11T16:29:47.000Z. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 5000;

    private final LogStore store;
    private final ObjectMapper json;
    private final Clock clock;

    LogsSearchEndpoint(LogStore store, ObjectMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    ObjectNode search(JsonNode request) {
        Instant now = clock.instant();
        JsonNode filter = request.path("filter");
        Instant from = DatadogTime.parse(filter.path("from").asText("now-15m"), now, "filter.from");
        Instant to = DatadogTime.parse(filter.path("to").asText("now"), now, "filter.to");
        LogQuery query = LogQuery.parse(filter.path("query").asText("*"));
        String sort = request.path("sort").asText("timestamp");
        if (!sort.equals("timestamp") && !sort.equals("-timestamp")) {
            throw new IllegalArgumentException("sort must be timestamp or -timestamp, was '" + sort + "'");
        }
        JsonNode page = request.path("page");
        int limit = page.path("limit").asInt(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page.limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Long after = page.hasNonNull("cursor") ? decodeCursor(page.path("cursor").asText()) : null;

        LogStore.Page result = store.search(now, from, to, query, sort.equals("timestamp"), limit, after);
        ObjectNode response = json.createObjectNode();
        if (result.nextAfter() != null) {
            String cursor = encodeCursor(result.nextAfter());
            response.putObject("meta").putObject("page").put("after", cursor);
        }
        ArrayNode data = response.putArray("data");
        for (LogEvent event : result.events()) {
            data.add(render(event));
        }
        if (result.nextAfter() != null) {
            response.putObject("links").put("next", "/api/v2/logs/events?page%5Bcursor%5D=" + encodeCursor(result.nextAfter())
                    + "&page%5Blimit%5D=" + limit);
        }
        return response;
    }

    private ObjectNode render(LogEvent event) {
        ObjectNode log = json.createObjectNode();
        ObjectNode attributes = log.putObject("attributes");
        attributes.put("status", event.status());
        ArrayNode tags = attributes.putArray("tags");
        event.tags().forEach(tags::add);
        attributes.put("timestamp", TIMESTAMP.format(event.timestamp()));
        attributes.put("host", event.host());
        attributes.set("attributes", json.valueToTree(event.attributes()));
        attributes.put("message", event.message());
        if (event.service() != null) {
            attributes.put("service", event.service());
        }
        log.put("type", "log");
        log.put("id", event.id());
        return log;
    }

    private static String encodeCursor(long sequence) {
        String body = "{\"after\":\"" + sequence + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Long decodeCursor(String cursor) {
        try {
            String body = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Long.parseLong(body.replaceAll("[^0-9]", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("page.cursor is not a cursor this API issued");
        }
    }
}
