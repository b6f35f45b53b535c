package io.sockshop.correlator.collector.datadog;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the logs poller of one namespace group stands, committed with the page it covers.
 *
 * @param doneUntil  every log before this time (minus the overlap) has been read
 * @param cycleFrom  start of the window being paged through, when a cycle is under way
 * @param cycleTo    end of that window
 * @param cursor     the next page's cursor in that window; null when no cycle is under way
 * @param recent     ids (hashed, see {@link LogsPoller#idHash}) of logs already published whose
 *                   timestamp (epoch ms) falls in the overlap: a later window that sees them again skips them
 * @param namespaces the namespaces the query covers (absent in checkpoints of the per-namespace
 *                   collector, whose key names its one namespace)
 * @param floors     per namespace, a time before which its logs were all published by a predecessor
 *                   (taken over from older checkpoints): older logs of it are skipped until the window
 *                   has moved past it
 */
public record LogsCheckpoint(Instant doneUntil, Instant cycleFrom, Instant cycleTo, String cursor,
                             Map<String, Long> recent, List<String> namespaces, Map<String, Instant> floors) {

    @JsonCreator
    public LogsCheckpoint {
        recent = recent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(recent);
        namespaces = namespaces == null ? null : List.copyOf(namespaces);
        floors = floors == null ? new TreeMap<>() : new TreeMap<>(floors);
    }

    /** The state of the per-namespace collector: no namespaces, no floors. */
    public LogsCheckpoint(Instant doneUntil, Instant cycleFrom, Instant cycleTo, String cursor, Map<String, Long> recent) {
        this(doneUntil, cycleFrom, cycleTo, cursor, recent, null, null);
    }

    LogsCheckpoint withCycle(Instant from, Instant to, String cursor, Map<String, Long> recent) {
        return new LogsCheckpoint(doneUntil, from, to, cursor, recent, namespaces, floors);
    }

    LogsCheckpoint done(Instant until, Map<String, Long> recent, Map<String, Instant> floors) {
        return new LogsCheckpoint(until, null, null, null, recent, namespaces, floors);
    }
}
