package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * A {@link Baseline} over time slots: a ring of {@value #SLOTS} slots (one minute each by default)
 * holding sum, count and max per slot. The baseline is the median of the slot means older than the
 * recent window (robust to a few outliers), given once {@code warmupSlots} earlier slots have samples;
 * the recent level is the mean of the slots inside the recent window. Bounded: 30 slots whatever the
 * sample rate; gaps are empty slots; late samples land in their own slot. The slot length, warm-up and
 * recent window come from the configuration ({@code correlator.detection.baseline-*}); a compressed
 * run (the demo, a replay sped up) shortens them, the rules stay the same.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = PackedSlots.BaselineSerializer.class)
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = PackedSlots.BaselineDeserializer.class)
public final class SlotBaseline implements Baseline {

    static final int SLOTS = 30;
    static final long MINUTE = 60_000L;
    /** First int of the packed form since slot lengths are configurable; the old form began with the warm-up (>= 1). */
    private static final int FORMAT_WITH_SLOT_LENGTH = -2;

    /** Length of one slot (ms). */
    private long slotMillis = MINUTE;
    /** Minimum number of earlier slots with samples before a baseline is given. */
    private int warmupSlots = 3;
    /** Length of the recent window in slots (the current slot included). */
    private int recentSlots = 2;

    private long[] slot = new long[SLOTS];
    private double[] sum = new double[SLOTS];
    private int[] count = new int[SLOTS];
    private double[] max = new double[SLOTS];

    /** One-minute slots, 3 warm-up minutes, a recent window of 2 minutes (the real-time defaults). */
    public SlotBaseline() {
    }

    public SlotBaseline(long slotMillis, int warmupSlots, int recentSlots) {
        if (slotMillis < 1000) {
            throw new IllegalArgumentException("baseline slot must be at least 1 s, was " + slotMillis + " ms");
        }
        if (warmupSlots < 1 || recentSlots < 1 || warmupSlots + recentSlots > SLOTS) {
            throw new IllegalArgumentException("baseline warm-up slots (" + warmupSlots + ") and recent slots ("
                    + recentSlots + ") must be at least 1 and fit in " + SLOTS + " slots together");
        }
        this.slotMillis = slotMillis;
        this.warmupSlots = warmupSlots;
        this.recentSlots = recentSlots;
    }

    /** Slots of {@code slot}, a warm-up of {@code warmupSlots} slots and a recent window of {@code recent} (rounded up to whole slots). */
    public static SlotBaseline of(Duration slot, int warmupSlots, Duration recent) {
        long slotMs = slot.toMillis();
        int recentSlots = (int) Math.max(1, (recent.toMillis() + slotMs - 1) / Math.max(1, slotMs));
        return new SlotBaseline(slotMs, warmupSlots, recentSlots);
    }

    public long slotMillis() {
        return slotMillis;
    }

    public int warmupSlots() {
        return warmupSlots;
    }

    public int recentSlots() {
        return recentSlots;
    }

    /**
     * This baseline under other settings: the same samples when the slot length is unchanged (warm-up and
     * recent window are read at query time), a fresh baseline otherwise (slots of another length cannot be
     * compared); {@code this} when nothing changed.
     */
    public SlotBaseline configured(SlotBaseline settings) {
        if (settings.slotMillis == slotMillis && settings.warmupSlots == warmupSlots && settings.recentSlots == recentSlots) {
            return this;
        }
        SlotBaseline b = new SlotBaseline(settings.slotMillis, settings.warmupSlots, settings.recentSlots);
        if (settings.slotMillis == slotMillis) {
            b.slot = slot;
            b.sum = sum;
            b.count = count;
            b.max = max;
        }
        return b;
    }

    /** Only the slots with samples: [-2, slot ms, warm-up, recent, n, then n x (slot, sum, count, max)]. */
    byte[] pack() {
        int n = 0;
        for (int c : count) {
            n += c > 0 ? 1 : 0;
        }
        ByteBuffer b = ByteBuffer.allocate(24 + n * 28);
        b.putInt(FORMAT_WITH_SLOT_LENGTH).putLong(slotMillis).putInt(warmupSlots).putInt(recentSlots).putInt(n);
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0) {
                b.putLong(slot[i]).putDouble(sum[i]).putInt(count[i]).putDouble(max[i]);
            }
        }
        return b.array();
    }

    /** Reads the packed form, and the older one of one-minute slots ([warm-up, recent, n, ...]). */
    static SlotBaseline unpack(ByteBuffer b) {
        int first = b.getInt();
        SlotBaseline m = first == FORMAT_WITH_SLOT_LENGTH ? new SlotBaseline(b.getLong(), b.getInt(), b.getInt())
                : new SlotBaseline(MINUTE, first, b.getInt());
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
            long index = b.getLong();
            int i = Math.floorMod(index, SLOTS);
            m.slot[i] = index;
            m.sum[i] = b.getDouble();
            m.count[i] = b.getInt();
            m.max[i] = b.getDouble();
        }
        return m;
    }

    private long index(long time) {
        return Math.floorDiv(time, slotMillis);
    }

    @Override
    public void add(long time, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        long s = index(time);
        int i = Math.floorMod(s, SLOTS);
        if (slot[i] != s) {
            if (slot[i] > s && count[i] > 0) {
                return; // older than the ring holds
            }
            slot[i] = s;
            sum[i] = 0;
            count[i] = 0;
            max[i] = Double.NEGATIVE_INFINITY;
        }
        sum[i] += value;
        count[i]++;
        max[i] = Math.max(max[i], value);
    }

    @Override
    public OptionalDouble baseline(long now) {
        long current = index(now);
        double[] means = new double[SLOTS];
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && slot[i] <= current - recentSlots && slot[i] > current - SLOTS) {
                means[n++] = sum[i] / count[i];
            }
        }
        if (n < warmupSlots) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Robust.median(means, n));
    }

    @Override
    public OptionalDouble recent(long now) {
        long current = index(now);
        double s = 0;
        int c = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && slot[i] > current - recentSlots && slot[i] <= current) {
                s += sum[i];
                c += count[i];
            }
        }
        return c == 0 ? OptionalDouble.empty() : OptionalDouble.of(s / c);
    }

    @Override
    public OptionalDouble recentPeak(long now) {
        long current = index(now);
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && slot[i] > current - recentSlots && slot[i] <= current) {
                peak = Math.max(peak, max[i]);
            }
        }
        return peak == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }

    /**
     * Start (epoch ms) of the earliest slot of the recent window whose mean is at least {@code threshold},
     * or 0 when none is: when a level was first exceeded, independent of the order in which the samples
     * arrived.
     */
    public long firstSlotAtOrAbove(double threshold, long now) {
        return firstSlotAtOrAbove(threshold, now - (recentSlots - 1) * slotMillis, now);
    }

    /** Like {@link #firstSlotAtOrAbove(double, long)}, over the slots from the one holding {@code from}. */
    public long firstSlotAtOrAbove(double threshold, long from, long now) {
        long current = index(now);
        long earliest = Math.max(index(from), current - SLOTS + 1);
        long first = Long.MAX_VALUE;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && slot[i] >= earliest && slot[i] <= current && sum[i] / count[i] >= threshold) {
                first = Math.min(first, slot[i]);
            }
        }
        return first == Long.MAX_VALUE ? 0 : first * slotMillis;
    }

    /** The highest value of any slot in [from, now]. */
    public OptionalDouble peakSince(long from, long now) {
        long first = index(from);
        long current = index(now);
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SLOTS; i++) {
            if (count[i] > 0 && slot[i] >= first && slot[i] <= current) {
                peak = Math.max(peak, max[i]);
            }
        }
        return peak == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }
}
