package io.sockshop.correlator.api.stream;

import io.sockshop.correlator.model.finding.Finding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest findings in the order this replica read them, in a fixed-size ring shared by every
 * stream client. A client is a cursor into the ring, so memory does not grow with clients; a client
 * whose cursor falls out of the ring has lost its place and is dropped.
 */
public final class FindingsRing {

    private final AtomicReferenceArray<StreamedFinding> slots;
    private final int capacity;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** Per partition: the offset after the newest record appended. */
    private final Map<Integer, Long> head = new HashMap<>();
    /** Per partition: the offset after the newest record evicted; a resume below it would skip records. */
    private final Map<Integer, Long> evicted = new HashMap<>();
    private volatile long nextSequence;

    public FindingsRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    public int capacity() {
        return capacity;
    }

    public void append(int partition, long offset, Finding finding, String json) {
        synchronized (this) {
            long sequence = nextSequence;
            int slot = (int) (sequence % capacity);
            StreamedFinding old = slots.get(slot);
            if (old != null) {
                evicted.merge(old.partition(), old.offset() + 1, Math::max);
            }
            slots.set(slot, new StreamedFinding(sequence, partition, offset, finding, json));
            head.merge(partition, offset + 1, Math::max);
            nextSequence = sequence + 1;
        }
        listeners.forEach(Runnable::run);
    }

    /** A record that was not a finding (or was refused) still moves the head past its offset. */
    public synchronized void skip(int partition, long offset) {
        head.merge(partition, offset + 1, Math::max);
    }

    /** The sequence the next appended finding gets. */
    public long nextSequence() {
        return nextSequence;
    }

    public long oldestSequence() {
        return Math.max(0, nextSequence - capacity);
    }

    /** The finding at the sequence, or empty when it was evicted or is not there yet. */
    public Optional<StreamedFinding> get(long sequence) {
        StreamedFinding entry = slots.get((int) (sequence % capacity));
        return entry != null && entry.sequence() == sequence ? Optional.of(entry) : Optional.empty();
    }

    /** The position just after everything appended so far: where a new live client starts. */
    public synchronized StreamPosition headPosition() {
        return StreamPosition.of(head);
    }

    /**
     * Whether the ring still holds every record at or after the position, so a resume from it
     * has no gap.
     */
    public synchronized boolean covers(StreamPosition position) {
        return evicted.entrySet().stream().allMatch(e -> position.next(e.getKey()) >= e.getValue());
    }

    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
