package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** Counts events per minute over the last {@value #SLOTS} minutes of event time; bounded, late-tolerant. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class MinuteCounter {

    static final int SLOTS = 60;
    private static final long MINUTE = 60_000L;

    private long[] minute = new long[SLOTS];
    private int[] count = new int[SLOTS];

    public void add(long time) {
        long m = Math.floorDiv(time, MINUTE);
        int slot = (int) Math.floorMod(m, SLOTS);
        if (minute[slot] != m) {
            if (minute[slot] > m && count[slot] > 0) {
                return;
            }
            minute[slot] = m;
            count[slot] = 0;
        }
        count[slot]++;
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
