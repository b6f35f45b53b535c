package io.sockshop.correlator.model.datadog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One log event as the Datadog logs search API (v2) returns it ({@code io.sockshop.correlator.datadog.log.v1}).
 * {@code status} is Datadog's, not the application's: the Agent marks every stderr line
 * {@code error}, health checks of the Go services included, so status alone is no error signal.
 *
 * @param id         Datadog's log id
 * @param timestamp  the log's timestamp (event time)
 * @param service    absent when Datadog has none
 * @param tags       as returned, duplicates included ({@code kube_namespace:sock-shop}, ...)
 * @param attributes the custom attributes object, as returned
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DatadogLog(String id, Instant timestamp, String service, String status, String host,
                         // Required, and may be empty (a log line without text): written even then, or it cannot be read back.
                         @JsonInclude(JsonInclude.Include.ALWAYS) String message,
                         List<String> tags, Map<String, Object> attributes) {

    public DatadogLog {
        Require.nonBlank(id, "id");
        Require.nonNull(timestamp, "timestamp");
        Require.nonNull(message, "message");
        tags = Require.list(tags, "tags");
        attributes = Require.map(attributes, "attributes");
    }

    public Optional<String> tag(String key) {
        return Tags.value(tags, key);
    }
}
