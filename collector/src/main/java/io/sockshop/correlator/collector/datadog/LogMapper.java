package io.sockshop.correlator.collector.datadog;

import com.datadog.api.client.v2.model.Log;
import com.datadog.api.client.v2.model.LogAttributes;
import io.sockshop.correlator.model.datadog.DatadogLog;

import java.time.Instant;

/** A log of the logs search API as the contract's record, kept as returned (status, tags, attributes). */
final class LogMapper {

    private LogMapper() {
    }

    /** Null for an entry that lacks what the contract requires (an id or a timestamp). */
    static DatadogLog map(Log log) {
        LogAttributes a = log.getAttributes();
        if (log.getId() == null || log.getId().isBlank() || a == null || a.getTimestamp() == null) {
            return null;
        }
        Instant timestamp = a.getTimestamp().toInstant();
        return new DatadogLog(log.getId(), timestamp, a.getService(), a.getStatus(), a.getHost(),
                a.getMessage() == null ? "" : a.getMessage(), a.getTags(), a.getAttributes());
    }
}
