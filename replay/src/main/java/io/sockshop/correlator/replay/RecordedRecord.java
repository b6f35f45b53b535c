package io.sockshop.correlator.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One line of a recording (NDJSON): a Kafka record as it was on its topic. {@code value} is the
 * CloudEvents JSON object itself; a value that is not JSON (a dead-lettered record) is kept byte for
 * byte in {@code valueBase64}. A null value (a tombstone) has neither.
 *
 * @param timestamp the record's timestamp in epoch milliseconds (event time for the contract's topics)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordedRecord(String topic, int partition, long offset, long timestamp, String key,
                             List<Header> headers, JsonNode value, String valueBase64) {

    /** A record header; {@code value} is UTF-8 text, or null for a null header value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Header(String key, String value) {
    }

    public RecordedRecord {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        if (value != null && valueBase64 != null) {
            throw new IllegalArgumentException("a record has value or valueBase64, not both");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }
}
