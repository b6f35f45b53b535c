package io.sockshop.correlator.model.finding;

import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;

/**
 * One piece of evidence: what was seen, when, and the CloudEvents ids of the records that prove it,
 * so that a reader can fetch the raw records.
 */
public record Evidence(Instant time, SourceType sourceType, String service, String summary, List<String> eventIds) {
    public Evidence {
        Require.nonNull(time, "time");
        Require.nonNull(sourceType, "sourceType");
        Require.nonBlank(summary, "summary");
        eventIds = Require.list(eventIds, "eventIds");
    }
}
