package io.sockshop.correlator.collector.datadog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the logs poller of one namespace stands, committed with the page it covers.
 *
 * @param doneUntil every log before this time (minus the overlap) has been read
 * @param cycleFrom start of the window being paged through, when a cycle is under way
 * @param cycleTo   end of that window
 * @param cursor    the next page's cursor in that window; null when no cycle is under way
 * @param recent    ids (hashed, see {@link LogsPoller#idHash}) of logs already published whose
 *                  timestamp (epoch ms) falls in the overlap: a later window that sees them again skips them
 */
public record LogsCheckpoint(Instant doneUntil, Instant cycleFrom, Instant cycleTo, String cursor,
                             Map<String, Long> recent) {

    public LogsCheckpoint {
        recent = recent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recent);
    }
}
