package io.sockshop.correlator.api.stream;

import io.sockshop.correlator.api.query.IncidentFilter;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One stream client: a cursor into the shared {@link FindingsRing} and its resume position. It
 * writes while its socket accepts data and never queues more than the socket's bounded write
 * queue; it is dropped, with the reason sent as a last {@code dropped} event, when it fell out of
 * the ring, when more than {@code maxLag} findings arrived while its socket stayed full, or when its
 * socket stayed full for {@code stallMillis}.
 * <p>
 * Lag counts only the findings that arrive while the client does not read: a backlog it is reading
 * (a resume far behind, a commit of many findings at once) is no reason to drop it, however long, as
 * long as the client takes data. A client that never reads is still dropped, and costs at most its
 * socket's write queue meanwhile (the findings themselves are in the shared ring either way).
 * Not thread-safe: every call runs on the client's own event loop.
 */
public final class StreamClient {

    public static final String FELL_BEHIND = "fell-behind";
    public static final String TOO_SLOW = "too-slow";
    public static final String STALLED = "stalled";

    private final FindingsRing ring;
    private final EventSink sink;
    private final IncidentFilter filter;
    private final int maxLag;
    private final long stallMillis;
    private final Clock clock;
    private final Consumer<String> onDrop;
    private long cursor;
    private StreamPosition position;
    /** When the socket was found full without the client having read since; -1 while it reads. */
    private long fullSince = -1;
    /** The ring's head when the socket was found full: findings past it arrived while the client did not read. */
    private long headWhenFull;
    private boolean closed;
    private boolean waitingForDrain;

    /**
     * @param resume the position to resume from (every record before it was delivered), or empty to
     *               start with the findings appended from now on
     * @param onDrop told the reason when the client is dropped
     */
    public StreamClient(FindingsRing ring, EventSink sink, IncidentFilter filter, Optional<StreamPosition> resume,
                        int maxLag, long stallMillis, Clock clock, Consumer<String> onDrop) {
        this.ring = ring;
        this.sink = sink;
        this.filter = filter;
        this.maxLag = maxLag;
        this.stallMillis = stallMillis;
        this.clock = clock;
        this.onDrop = onDrop;
        if (resume.isPresent()) {
            this.position = resume.get();
            this.cursor = ring.oldestSequence();
        } else {
            this.position = ring.headPosition();
            this.cursor = ring.nextSequence();
        }
    }

    /** The id a client resumes from: everything before it was delivered or filtered out. */
    public StreamPosition position() {
        return position;
    }

    public boolean closed() {
        return closed;
    }

    /** Writes what the socket accepts of the findings not yet sent. */
    public void drain() {
        if (closed) {
            return;
        }
        long head = ring.nextSequence();
        if (cursor < ring.oldestSequence()) {
            drop(FELL_BEHIND, "more than " + ring.capacity() + " findings arrived while this client could not keep up");
            return;
        }
        if (!sink.full()) {
            fullSince = -1; // the socket took data since it was last found full: the client reads
        }
        while (cursor < head && !sink.full()) {
            Optional<StreamedFinding> next = ring.get(cursor);
            if (next.isEmpty()) {
                drop(FELL_BEHIND, "more than " + ring.capacity() + " findings arrived while this client could not keep up");
                return;
            }
            cursor++;
            StreamedFinding entry = next.get();
            if (position.delivered(entry.partition(), entry.offset())) {
                continue;
            }
            position = position.advancedPast(entry.partition(), entry.offset());
            if (filter.matches(entry.finding())) {
                sink.write("id: " + position.encode() + "\nevent: finding\ndata: " + entry.json() + "\n\n");
            }
        }
        if (cursor >= head) {
            fullSince = -1;
            return;
        }
        long now = clock.millis();
        if (fullSince < 0) {
            fullSince = now;
            headWhenFull = head;
        }
        long arrivedWhileFull = head - headWhenFull;
        if (arrivedWhileFull > maxLag) {
            drop(TOO_SLOW, arrivedWhileFull + " findings arrived while not reading (limit " + maxLag + "), "
                    + (head - cursor) + " behind");
        } else if (now - fullSince >= stallMillis) {
            drop(STALLED, "not reading for " + (now - fullSince) + " ms");
        } else if (!waitingForDrain) {
            waitingForDrain = true;
            sink.onDrain(() -> {
                waitingForDrain = false;
                drain();
            });
        }
    }

    /** A comment line that keeps proxies from closing an idle stream; also checks for a stall. */
    public void heartbeat() {
        if (closed) {
            return;
        }
        if (sink.full()) {
            long now = clock.millis();
            if (fullSince < 0) {
                fullSince = now;
                headWhenFull = ring.nextSequence();
            } else if (now - fullSince >= stallMillis) {
                drop(STALLED, "not reading for " + (now - fullSince) + " ms");
            }
            return;
        }
        fullSince = -1;
        sink.write(": keep-alive\n\n");
        drain();
    }

    private void drop(String reason, String detail) {
        closed = true;
        // Best effort: a client that does not read may never see it, but one that is merely slow will.
        sink.write("event: dropped\ndata: {\"reason\":\"" + reason + "\",\"detail\":\"" + detail
                + "\",\"lastEventId\":\"" + position.encode() + "\"}\n\n");
        sink.close();
        onDrop.accept(reason);
    }

    /** The client went away by itself. */
    public void closedByPeer() {
        closed = true;
    }
}
