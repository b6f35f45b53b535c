package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** Counts events per minute over the last {@value #SLOTS} minutes of event time; bounded, late-tolerant. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = PackedSlots.CounterSerializer.class)
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = PackedSlots.CounterDeserializer.class)
public final class MinuteCounter {

    static final int SLOTS = 60;
    private static final long MINUTE = 60_000L;

    private long[] minute = new long[SLOTS];
    private int[] count = new int[SLOTS];

    /** Only the minutes with events: [n, then n x (minute, count)]. */
    byte[] pack() {
        int n = 0;
        for (int c : count) {
            n += c > 0 ? 1 : 0;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + n * 12);
        b.putInt(n);
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0) {
                b.putLong(minute[i]).putInt(count[i]);
            }
        }
        return b.array();
    }

    static MinuteCounter unpack(java.nio.ByteBuffer b) {
        MinuteCounter m = new MinuteCounter();
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            long minute = b.getLong();
            int slot = Math.floorMod(minute, SLOTS);
            m.minute[slot] = minute;
            m.count[slot] = b.getInt();
        }
        return m;
    }

    public void add(long time) {
        add(time, 1);
    }

    /** Adds {@code n} events at one time (a metric point that counts several). */
    public void add(long time, int n) {
        long m = Math.floorDiv(time, MINUTE);
        int slot = Math.floorMod(m, SLOTS);
        if (minute[slot] != m) {
            if (minute[slot] > m && count[slot] > 0) {
                return;
            }
            minute[slot] = m;
            count[slot] = 0;
        }
        count[slot] += n;
    }

    /** Events in the minutes from the one holding {@code from} to the one holding {@code to}. */
    public long between(long from, long to) {
        long first = Math.floorDiv(from, MINUTE);
        long last = Math.floorDiv(to, MINUTE);
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] >= first && minute[i] <= last) {
                total += count[i];
            }
        }
        return total;
    }
}
