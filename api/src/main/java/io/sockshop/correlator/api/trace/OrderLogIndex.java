package io.sockshop.correlator.api.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Log lines by order id, bounded and evicting: at most {@code maxLines} lines in all (the order
 * touched longest ago goes first), {@code maxLinesPerOrder} per order, {@code maxTraces} request
 * traces and threads remembered for linking lines that do not name the order. Memory is therefore
 * bounded by {@code (maxLines + maxTraces * LINES_PER_TRACE) * maxMessageChars}.
 */
public final class OrderLogIndex {

    /** Lines of one trace kept until a line of it names an order (Sleuth lines before the order id is known). */
    static final int LINES_PER_TRACE = 16;
    /** A failure logged after the request span closed still belongs to the order if this close. */
    static final Duration SAME_THREAD_WINDOW = Duration.ofSeconds(10);

    private final int maxLines;
    private final int maxLinesPerOrder;
    private final Map<String, List<OrderLine>> orders = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, TraceLines> traces;
    private final Map<String, ThreadLast> threads;
    private long lines;

    private static final class TraceLines {
        final Set<String> orderIds = new LinkedHashSet<>();
        final List<LogLine> lines = new ArrayList<>();
    }

    private record ThreadLast(Set<String> orderIds, LogLine line) {
    }

    public OrderLogIndex(int maxLines, int maxLinesPerOrder, int maxTraces) {
        if (maxLines < 1 || maxLinesPerOrder < 1 || maxTraces < 1) {
            throw new IllegalArgumentException("order index bounds must be at least 1");
        }
        this.maxLines = maxLines;
        this.maxLinesPerOrder = maxLinesPerOrder;
        this.traces = lru(maxTraces);
        this.threads = lru(maxTraces);
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    public synchronized void add(LogLine line) {
        Set<String> ids = OrderLogParser.orderIds(line.message());
        TraceLines trace = line.traceId() == null ? null : traces.computeIfAbsent(line.traceId(), t -> new TraceLines());
        Set<String> linked = new LinkedHashSet<>();
        for (String id : ids) {
            if (trace != null && trace.orderIds.add(id)) {
                trace.lines.forEach(earlier -> attach(id, earlier, MatchedBy.TRACE_ID));
            }
            attach(id, line, MatchedBy.ORDER_ID);
            linked.add(id);
        }
        if (trace != null) {
            for (String id : trace.orderIds) {
                if (!ids.contains(id)) {
                    attach(id, line, MatchedBy.TRACE_ID);
                    linked.add(id);
                }
            }
            if (trace.lines.size() < LINES_PER_TRACE) {
                trace.lines.add(line);
            }
        }
        String threadKey = line.pod() == null || line.thread() == null ? null : line.pod() + "|" + line.thread();
        if (threadKey == null) {
            return;
        }
        if (!linked.isEmpty()) {
            threads.put(threadKey, new ThreadLast(Set.copyOf(linked), line));
        } else if (line.traceId() == null && line.kind() == LineKind.ERROR) {
            ThreadLast last = threads.get(threadKey);
            if (last != null && !line.time().isBefore(last.line().time())
                    && !line.time().isAfter(last.line().time().plus(SAME_THREAD_WINDOW))) {
                last.orderIds().forEach(id -> attach(id, line, MatchedBy.SAME_THREAD));
            }
        }
    }

    private void attach(String orderId, LogLine line, MatchedBy matchedBy) {
        List<OrderLine> attached = orders.computeIfAbsent(orderId, id -> new ArrayList<>());
        if (attached.size() >= maxLinesPerOrder
                || attached.stream().anyMatch(o -> o.line().eventId().equals(line.eventId()))) {
            return;
        }
        attached.add(new OrderLine(line, matchedBy));
        lines++;
        while (lines > maxLines && orders.size() > 1) {
            var eldest = orders.entrySet().iterator().next();
            if (eldest.getKey().equals(orderId)) {
                break;
            }
            lines -= eldest.getValue().size();
            orders.remove(eldest.getKey());
        }
    }

    /** The lines of the order in event-time order, or empty when no indexed line names it. */
    public synchronized Optional<List<OrderLine>> lines(String orderId) {
        List<OrderLine> attached = orders.get(orderId);
        if (attached == null) {
            return Optional.empty();
        }
        List<OrderLine> sorted = new ArrayList<>(attached);
        // Stable: lines logged in the same millisecond keep the order they were read in.
        sorted.sort(Comparator.comparing((OrderLine o) -> o.line().time()));
        return Optional.of(sorted);
    }

    public synchronized int orders() {
        return orders.size();
    }

    public synchronized long lineCount() {
        return lines;
    }
}
