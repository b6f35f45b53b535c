package io.sockshop.correlator.api.stream;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A position in the findings topic: for each partition, the offset of the next record not yet
 * delivered. Offsets are the broker's, so the same position means the same thing on every API
 * replica and after a restart; a client that reconnects anywhere resumes without gaps or repeats.
 * Encoded as the SSE event id, e.g. {@code 0:124,1:46,2:8}.
 */
public final class StreamPosition {

    /** Guards against hostile ids; Kafka topics rarely have more than a few hundred partitions. */
    public static final int MAX_PARTITIONS = 4096;

    private final TreeMap<Integer, Long> next;

    private StreamPosition(TreeMap<Integer, Long> next) {
        this.next = next;
    }

    public static StreamPosition of(Map<Integer, Long> nextOffsets) {
        return new StreamPosition(new TreeMap<>(nextOffsets));
    }

    /** The next offset not yet delivered on the partition; 0 when the position does not name it. */
    public long next(int partition) {
        return next.getOrDefault(partition, 0L);
    }

    public boolean delivered(int partition, long offset) {
        return offset < next(partition);
    }

    /** The position after delivering (or skipping) the record at {@code partition/offset}. */
    public StreamPosition advancedPast(int partition, long offset) {
        if (offset < next(partition)) {
            return this;
        }
        TreeMap<Integer, Long> copy = new TreeMap<>(next);
        copy.put(partition, offset + 1);
        return new StreamPosition(copy);
    }

    public Map<Integer, Long> offsets() {
        return Collections.unmodifiableMap(next);
    }

    public String encode() {
        StringBuilder text = new StringBuilder();
        next.forEach((partition, offset) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(partition).append(':').append(offset);
        });
        return text.toString();
    }

    /**
     * Parses an encoded position strictly.
     *
     * @throws IllegalArgumentException with a reason a client can act on
     */
    public static StreamPosition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty; expected partition:offset pairs such as 0:124,1:46");
        }
        if (text.length() > MAX_PARTITIONS * 24) {
            throw new IllegalArgumentException("is too long");
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        for (String pair : text.trim().split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("'" + abbreviate(pair) + "' is not partition:offset");
            }
            int partition;
            long offset;
            try {
                partition = Integer.parseInt(pair.substring(0, colon));
                offset = Long.parseLong(pair.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + abbreviate(pair) + "' is not partition:offset with whole numbers");
            }
            if (partition < 0 || partition >= MAX_PARTITIONS || offset < 0) {
                throw new IllegalArgumentException("'" + abbreviate(pair) + "' is out of range");
            }
            if (next.put(partition, offset) != null) {
                throw new IllegalArgumentException("partition " + partition + " appears twice");
            }
        }
        return new StreamPosition(next);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPosition p && p.next.equals(next);
    }

    @Override
    public int hashCode() {
        return next.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
