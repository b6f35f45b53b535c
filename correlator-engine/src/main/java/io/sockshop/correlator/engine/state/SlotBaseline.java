package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A {@link Baseline} over minute slots: a ring of {@value #SLOTS} minutes holding sum, count and max
 * per minute. The baseline is the median of the slot means older than the recent window (robust to a
 * few outliers); the recent level is the mean of the slots inside it. Bounded: 30 slots whatever the
 * sample rate; gaps are empty slots; late samples land in their own minute.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = PackedSlots.BaselineSerializer.class)
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = PackedSlots.BaselineDeserializer.class)
public final class MinuteBaseline implements Baseline {

    static final int SLOTS = 30;
    private static final long MINUTE = 60_000L;

    /** Minimum number of earlier minutes with samples before a baseline is given. */
    private int warmupMinutes = 3;
    /** Length of the recent window in minutes (the current minute included). */
    private int recentMinutes = 2;

    private long[] minute = new long[SLOTS];
    private double[] sum = new double[SLOTS];
    private int[] count = new int[SLOTS];
    private double[] max = new double[SLOTS];

    public MinuteBaseline() {
    }

    public MinuteBaseline(int warmupMinutes, int recentMinutes) {
        this.warmupMinutes = warmupMinutes;
        this.recentMinutes = recentMinutes;
    }

    /** Only the minutes with samples: [warmup, recent, n, then n x (minute, sum, count, max)]. */
    byte[] pack() {
        int n = 0;
        for (int c : count) {
            n += c > 0 ? 1 : 0;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + n * 28);
        b.putInt(warmupMinutes).putInt(recentMinutes).putInt(n);
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0) {
                b.putLong(minute[i]).putDouble(sum[i]).putInt(count[i]).putDouble(max[i]);
            }
        }
        return b.array();
    }

    static MinuteBaseline unpack(java.nio.ByteBuffer b) {
        MinuteBaseline m = new MinuteBaseline(b.getInt(), b.getInt());
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            long minute = b.getLong();
            int slot = Math.floorMod(minute, SLOTS);
            m.minute[slot] = minute;
            m.sum[slot] = b.getDouble();
            m.count[slot] = b.getInt();
            m.max[slot] = b.getDouble();
        }
        return m;
    }

    @Override
    public void add(long time, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        long m = Math.floorDiv(time, MINUTE);
        int slot = Math.floorMod(m, SLOTS);
        if (minute[slot] != m) {
            if (minute[slot] > m && count[slot] > 0) {
                return; // older than the ring holds
            }
            minute[slot] = m;
            sum[slot] = 0;
            count[slot] = 0;
            max[slot] = Double.NEGATIVE_INFINITY;
        }
        sum[slot] += value;
        count[slot]++;
        max[slot] = Math.max(max[slot], value);
    }

    @Override
    public OptionalDouble baseline(long now) {
        long current = Math.floorDiv(now, MINUTE);
        double[] means = new double[SLOTS];
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] <= current - recentMinutes && minute[i] > current - SLOTS) {
                means[n++] = sum[i] / count[i];
            }
        }
        if (n < warmupMinutes) {
            return OptionalDouble.empty();
        }
        Arrays.sort(means, 0, n);
        return OptionalDouble.of(n % 2 == 1 ? means[n / 2] : (means[n / 2 - 1] + means[n / 2]) / 2);
    }

    @Override
    public OptionalDouble recent(long now) {
        long current = Math.floorDiv(now, MINUTE);
        double s = 0;
        int c = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] > current - recentMinutes && minute[i] <= current) {
                s += sum[i];
                c += count[i];
            }
        }
        return c == 0 ? OptionalDouble.empty() : OptionalDouble.of(s / c);
    }

    @Override
    public OptionalDouble recentPeak(long now) {
        long current = Math.floorDiv(now, MINUTE);
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] > current - recentMinutes && minute[i] <= current) {
                peak = Math.max(peak, max[i]);
            }
        }
        return peak == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }

    /**
     * Start (epoch ms) of the earliest minute of the recent window whose mean is at least
     * {@code threshold}, or 0 when none is: when a level was first exceeded, independent of the order
     * in which the samples arrived.
     */
    public long firstMinuteAtOrAbove(double threshold, long now) {
        return firstMinuteAtOrAbove(threshold, now - (recentMinutes - 1) * MINUTE, now);
    }

    /** Like {@link #firstMinuteAtOrAbove(double, long)}, over the minutes from the one holding {@code from}. */
    public long firstMinuteAtOrAbove(double threshold, long from, long now) {
        long current = Math.floorDiv(now, MINUTE);
        long earliest = Math.max(Math.floorDiv(from, MINUTE), current - SLOTS + 1);
        long first = Long.MAX_VALUE;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] >= earliest && minute[i] <= current
                    && sum[i] / count[i] >= threshold) {
                first = Math.min(first, minute[i]);
            }
        }
        return first == Long.MAX_VALUE ? 0 : first * MINUTE;
    }

    /** The highest value of any minute in [from, now]. */
    public OptionalDouble peakSince(long from, long now) {
        long first = Math.floorDiv(from, MINUTE);
        long current = Math.floorDiv(now, MINUTE);
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && minute[i] >= first && minute[i] <= current) {
                peak = Math.max(peak, max[i]);
            }
        }
        return peak == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }
}
