package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A ring of time slots holding the sum and count of the samples that fell in each: the building block of
 * the resource baselines. Bounded by its length whatever the sample rate (10-second and 1-minute samples
 * give one mean per slot alike); a gap is slots without samples; a late sample lands in its own slot
 * unless the ring has already moved past it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TimeSlots {

    private long[] slot;
    private double[] sum;
    private int[] count;
    /** The newest slot index with samples; Long.MIN_VALUE when empty. */
    private long newest = Long.MIN_VALUE;

    TimeSlots() {
        this(1);
    }

    public TimeSlots(int length) {
        slot = new long[length];
        sum = new double[length];
        count = new int[length];
    }

    public int length() {
        return slot.length;
    }

    public long newest() {
        return newest;
    }

    /** Adds a sample to slot {@code index}; returns false when the ring no longer holds that slot. */
    public boolean add(long index, double value) {
        if (newest != Long.MIN_VALUE && index <= newest - slot.length) {
            return false; // older than anything the ring holds
        }
        int i = (int) Math.floorMod(index, (long) slot.length);
        if (slot[i] != index || count[i] == 0) {
            if (count[i] > 0 && slot[i] > index) {
                return false;
            }
            slot[i] = index;
            sum[i] = 0;
            count[i] = 0;
        }
        sum[i] += value;
        count[i]++;
        newest = Math.max(newest, index);
        return true;
    }

    /** Whether slot {@code index} holds samples (and is still in the ring). */
    public boolean has(long index) {
        int i = (int) Math.floorMod(index, (long) slot.length);
        return count[i] > 0 && slot[i] == index;
    }

    public double sum(long index) {
        return has(index) ? sum[(int) Math.floorMod(index, (long) slot.length)] : 0;
    }

    public int count(long index) {
        return has(index) ? count[(int) Math.floorMod(index, (long) slot.length)] : 0;
    }

    public double mean(long index) {
        int c = count(index);
        return c == 0 ? Double.NaN : sum(index) / c;
    }

    /** Only the slots with samples: [length, n, then n x (slot, sum, count)]. */
    void write(DataOutput out) throws IOException {
        int n = 0;
        for (int c : count) {
            n += c > 0 ? 1 : 0;
        }
        out.writeInt(slot.length);
        out.writeInt(n);
        for (int i = 0; i < slot.length; i++) {
            if (count[i] > 0) {
                out.writeLong(slot[i]);
                out.writeDouble(sum[i]);
                out.writeInt(count[i]);
            }
        }
    }

    static TimeSlots read(DataInput in) throws IOException {
        TimeSlots t = new TimeSlots(in.readInt());
        for (int k = in.readInt(); k > 0; k--) {
            long index = in.readLong();
            int i = (int) Math.floorMod(index, (long) t.slot.length);
            t.slot[i] = index;
            t.sum[i] = in.readDouble();
            t.count[i] = in.readInt();
            t.newest = Math.max(t.newest, index);
        }
        return t;
    }
}
