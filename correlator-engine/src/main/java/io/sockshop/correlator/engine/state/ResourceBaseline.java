package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The learned baseline of one resource (CPU millicores or memory bytes) of one service, in event time.
 * Two tiers, both bounded whatever the sample rate and the uptime:
 * <ul>
 *   <li>per pod, a ring of {@code historySlots} slots (60 one-minute slots by default): the short-term
 *   history and the recent stretch of that pod. The service's short-term baseline pools every pod's slots
 *   (the mean per pod), so a new pod of a rollout inherits its service's normal and one pod that leaves
 *   its siblings stands out; at most {@value #MAX_PODS} pods are kept (the stalest goes first);</li>
 *   <li>for the service, {@value #SPANS} spans of the history length (a day of hours by default): the
 *   long-term tier, which remembers the busy hours through an idle night.</li>
 * </ul>
 * The baseline before a time is the median of the pooled slot means (with their MAD as the noise), or the
 * 90th percentile of the older spans' means when that is higher.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ResourceBaseline {

    public static final int MAX_PODS = 8;
    public static final int SPANS = 24;
    static final double LONG_TERM_QUANTILE = 0.9;

    private long slotMillis = 60_000L;
    private int historySlots = 60;
    private Map<String, TimeSlots> pods = new LinkedHashMap<>();
    private TimeSlots spans = new TimeSlots(SPANS);

    /** One-minute slots, an hour of history (the defaults). */
    public ResourceBaseline() {
    }

    public ResourceBaseline(long slotMillis, int historySlots) {
        if (slotMillis < 1000 || historySlots < 2) {
            throw new IllegalArgumentException("a resource baseline needs slots of at least 1 s and at least 2 of them");
        }
        this.slotMillis = slotMillis;
        this.historySlots = historySlots;
    }

    /** This baseline if it has these slots; an empty one otherwise (slots of another length cannot be compared). */
    public ResourceBaseline configured(long slotMs, int slots) {
        return slotMs == slotMillis && slots == historySlots ? this : new ResourceBaseline(slotMs, slots);
    }

    public long slotMillis() {
        return slotMillis;
    }

    public long slotOf(long time) {
        return Math.floorDiv(time, slotMillis);
    }

    private long spanMillis() {
        return slotMillis * historySlots;
    }

    public Set<String> pods() {
        return pods.keySet();
    }

    /** A sample of one pod ({@code ""} when the source names none). Negative and non-finite values are ignored. */
    public void add(String pod, long time, double value) {
        if (!Double.isFinite(value) || value < 0) {
            return;
        }
        String key = pod == null ? "" : pod;
        long index = slotOf(time);
        TimeSlots ring = pods.get(key);
        if (ring == null) {
            pods.values().removeIf(r -> r.newest() <= index - historySlots);
            if (pods.size() >= MAX_PODS) {
                String stalest = null;
                for (Map.Entry<String, TimeSlots> e : pods.entrySet()) {
                    if (stalest == null || e.getValue().newest() < pods.get(stalest).newest()) {
                        stalest = e.getKey();
                    }
                }
                pods.remove(stalest);
            }
            ring = new TimeSlots(historySlots);
            pods.put(key, ring);
        }
        if (ring.add(index, value)) {
            spans.add(Math.floorDiv(time, spanMillis()), value);
        }
    }

    /** Mean per pod sample in slot {@code index}, over every pod; NaN when no pod has one. */
    public double pooledMean(long index) {
        double sum = 0;
        int count = 0;
        for (TimeSlots r : pods.values()) {
            sum += r.sum(index);
            count += r.count(index);
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean of the pooled slot means of the last {@code slots} slots up to {@code now}; NaN without samples. */
    public double recentMean(long now, int slots) {
        long current = slotOf(now);
        double sum = 0;
        int n = 0;
        for (long k = current - slots + 1; k <= current; k++) {
            double m = pooledMean(k);
            if (!Double.isNaN(m)) {
                sum += m;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Start (epoch ms) of the oldest slot still held with samples, at {@code now}; 0 when none. */
    public long oldest(long now) {
        long current = slotOf(now);
        for (long k = current - historySlots + 1; k <= current; k++) {
            if (!Double.isNaN(pooledMean(k))) {
                return k * slotMillis;
            }
        }
        return 0;
    }

    /**
     * What normal was before {@code before}, seen at {@code now}: the short-term tier counts once
     * {@code warmupSlots} slots have samples, a long-term span once it holds {@code warmupSlots} samples and
     * the tier once two spans do. Not {@link Reference#warm() warm} while neither tier counts.
     */
    public Reference reference(long now, long before, int warmupSlots) {
        long current = slotOf(now);
        long end = Math.min(slotOf(before), current + 1);
        double[] means = new double[historySlots];
        int n = 0;
        for (long k = current - historySlots + 1; k < end; k++) {
            double m = pooledMean(k);
            if (!Double.isNaN(m)) {
                means[n++] = m;
            }
        }
        double median = n >= warmupSlots ? Robust.median(means, n) : Double.NaN;
        double sigma = n >= warmupSlots ? Robust.sigma(means, n, median) : 0;
        long currentSpan = Math.floorDiv(now, spanMillis());
        long endSpan = Math.min(Math.floorDiv(before, spanMillis()), currentSpan);
        double[] spanMeans = new double[SPANS];
        int m = 0;
        for (long k = currentSpan - SPANS + 1; k < endSpan; k++) {
            if (spans.count(k) >= warmupSlots) {
                spanMeans[m++] = spans.mean(k);
            }
        }
        double longTerm = m >= 2 ? Robust.quantile(spanMeans, m, LONG_TERM_QUANTILE) : Double.NaN;
        double level = Double.isNaN(median) ? longTerm : Double.isNaN(longTerm) ? median : Math.max(median, longTerm);
        return new Reference(level, median, sigma, n, longTerm, m);
    }

    /**
     * The pod's current stretch at or above {@code bar}: from its newest slot with samples (no older than
     * {@code maxGapSlots} before the slot of {@code now}) back through slots at or above the bar, across gaps
     * of at most {@code maxGapSlots} empty slots. Null when the pod's newest slot is below the bar or stale.
     */
    public Stretch stretch(String pod, long now, double bar, int maxGapSlots, int recentSlots) {
        TimeSlots r = pods.get(pod);
        if (r == null) {
            return null;
        }
        long current = slotOf(now);
        long start = Long.MIN_VALUE;
        long end = Long.MIN_VALUE;
        int gap = 0;
        int slots = 0;
        double peak = Double.NEGATIVE_INFINITY;
        double recentSum = 0;
        int recentN = 0;
        for (long k = current; k > current - historySlots; k--) {
            if (!r.has(k)) {
                if (++gap > maxGapSlots) {
                    break;
                }
                continue;
            }
            double mean = r.mean(k);
            if (mean < bar) {
                break;
            }
            gap = 0;
            end = end == Long.MIN_VALUE ? k : end;
            start = k;
            slots++;
            peak = Math.max(peak, mean);
            if (recentN < recentSlots) {
                recentSum += mean;
                recentN++;
            }
        }
        return slots == 0 ? null : new Stretch(pod, start * slotMillis, (end + 1) * slotMillis, slots,
                recentSum / recentN, peak);
    }

    /** Normal level (NaN while warming up), its median and noise (sigma) over slots, and the long-term high. */
    public record Reference(double level, double median, double sigma, int slots, double longTerm, int spans) {
        public boolean warm() {
            return !Double.isNaN(level);
        }
    }

    /** A run of slots at or above a bar: [start, end) in epoch ms, its recent mean and its peak slot mean. */
    public record Stretch(String pod, long start, long end, int slots, double recent, double peak) {
        public long length() {
            return end - start;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(slotMillis);
        out.writeInt(historySlots);
        out.writeInt(pods.size());
        for (Map.Entry<String, TimeSlots> e : pods.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().write(out);
        }
        spans.write(out);
    }

    static ResourceBaseline read(DataInput in) throws IOException {
        ResourceBaseline b = new ResourceBaseline(in.readLong(), in.readInt());
        for (int i = in.readInt(); i > 0; i--) {
            b.pods.put(in.readUTF(), TimeSlots.read(in));
        }
        b.spans = TimeSlots.read(in);
        return b;
    }
}
