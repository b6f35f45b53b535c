package io.sockshop.correlator.sandbox.datadog;

import io.sockshop.correlator.sandbox.logs.LogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The logs Datadog has indexed, searchable by time and query. A log becomes searchable only after an
 * ingestion delay, as in Datadog, which is why pollers must overlap their windows. Bounded: the
 * oldest logs are dropped past a retention time or a count.
 */
public final class LogStore {

    /** A stored log and its position: the order in which Datadog indexed it. */
    record Indexed(long sequence, Instant visibleAt, LogEvent event) {
    }

    /** One page of results and the sequence number after which the next page starts. */
    public record Page(List<LogEvent> events, Long nextAfter) {
    }

    private final Duration ingestionDelay;
    private final Duration retention;
    private final int maxEvents;
    private final Deque<Indexed> events = new ArrayDeque<>();
    private long nextSequence;

    public LogStore(Duration ingestionDelay, Duration retention, int maxEvents) {
        this.ingestionDelay = ingestionDelay;
        this.retention = retention;
        this.maxEvents = maxEvents;
    }

    public synchronized void add(LogEvent event, Instant now) {
        events.addLast(new Indexed(nextSequence++, now.plus(ingestionDelay), event));
        while (events.size() > maxEvents
                || (!events.isEmpty() && events.peekFirst().event().timestamp().isBefore(now.minus(retention)))) {
            events.removeFirst();
        }
    }

    /**
     * Logs visible at {@code now} with a timestamp in [from, to), matching the query, ordered by
     * timestamp (ascending or descending), starting after the position {@code after} of a previous page.
     */
    public synchronized Page search(Instant now, Instant from, Instant to, LogQuery query, boolean ascending,
                                    int limit, Long after) {
        List<Indexed> matching = new ArrayList<>();
        for (Indexed indexed : events) {
            LogEvent event = indexed.event();
            if (!now.isBefore(indexed.visibleAt()) && !event.timestamp().isBefore(from) && event.timestamp().isBefore(to)
                    && query.matches(event)) {
                matching.add(indexed);
            }
        }
        matching.sort((a, b) -> {
            int byTime = a.event().timestamp().compareTo(b.event().timestamp());
            int order = byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
            return ascending ? order : -order;
        });
        int start = 0;
        if (after != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).sequence() == after) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(matching.size(), start + limit);
        List<LogEvent> page = matching.subList(start, end).stream().map(Indexed::event).toList();
        // Like Datadog, a full page always carries a cursor; the page after the last is {"data":[]}.
        Long next = end - start == limit && limit > 0 ? matching.get(end - 1).sequence() : null;
        return new Page(page, next);
    }

    public synchronized int size() {
        return events.size();
    }
}
