package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.ResourceBaseline;
import io.sockshop.correlator.engine.state.ServiceState;

import java.time.Duration;

/**
 * The learned CPU and memory baselines and the {@code resource-anomaly} rules
 * ({@code correlator.detection.anomaly-*}, docs/signatures.md explains how to tune them). A usage is far
 * above its baseline when it is above all three bars: {@code ratio} times the baseline, the baseline plus
 * a minimum step, and the baseline plus {@code noise-sigmas} times its learned noise.
 *
 * @param slot                    one mean per pod and slot of this length
 * @param historySlots            slots of short-term history (the ring); 24 spans of this length form the long-term tier
 * @param warmupSlots             slots with samples before a baseline is given (and samples before a long-term span counts)
 * @param sustain                 usage must stay above the bars this long
 * @param maxGap                  a stretch survives gaps (no samples) up to this long
 * @param cpuRatio                CPU bar: this multiple of the baseline
 * @param memoryRatio             memory bar: this multiple of the baseline
 * @param cpuMinMillicores        CPU bar: at least this many millicores above the baseline
 * @param memoryMinMib            memory bar: at least this many MiB above the baseline
 * @param noiseSigmas             bar: this many robust standard deviations (1.4826 MAD) above the baseline
 * @param surgeShare              when the entrypoint's CPU and that of at least this share of the services with a learned
 *                                baseline are at {@code cpuRatio} times their baselines, it is a load surge (traffic), not
 *                                a resource fault: no finding
 * @param cpuBoundByBaseline      latency-degradation also counts a slow service as CPU-bound when its CPU is far above its
 *                                learned baseline (ratio and minimum step bars), limit or no limit (false: a limit is needed)
 * @param saturationNeedsDeviation resource-saturation fires only when usage at the limit is also far above its
 *                                 baseline (false: as before, a service that always runs at its limit fires too)
 */
public record AnomalySettings(Duration slot, int historySlots, int warmupSlots, Duration sustain, Duration maxGap,
                              double cpuRatio, double memoryRatio, double cpuMinMillicores, double memoryMinMib,
                              double noiseSigmas, double surgeShare, boolean cpuBoundByBaseline,
                              boolean saturationNeedsDeviation) {

    static final double MIB = 1024.0 * 1024.0;

    public static AnomalySettings defaults() {
        return new AnomalySettings(Duration.ofMinutes(1), 60, 15, Duration.ofMinutes(5), Duration.ofMinutes(3), 2.0, 1.5,
                100, 64, 4.0, 0.5, true, false);
    }

    public AnomalySettings {
        if (slot == null || slot.toMillis() < 1000) {
            throw new IllegalArgumentException("anomaly-slot must be at least 1 s, was " + slot);
        }
        if (sustain == null || sustain.compareTo(slot) < 0) {
            throw new IllegalArgumentException("anomaly-sustain must be at least one anomaly-slot (" + slot + "), was " + sustain);
        }
        if (maxGap == null || maxGap.isNegative() || maxGap.compareTo(sustain) >= 0) {
            throw new IllegalArgumentException("anomaly-max-gap must be at least 0 and shorter than anomaly-sustain ("
                    + sustain + "), was " + maxGap);
        }
        if (warmupSlots < 3) {
            throw new IllegalArgumentException("anomaly-warmup-slots must be at least 3 (a median and a spread need them), was "
                    + warmupSlots);
        }
        long sustainSlots = slots(sustain, slot);
        if (historySlots < warmupSlots + sustainSlots || historySlots > 1440) {
            throw new IllegalArgumentException("anomaly-history-slots must hold anomaly-warmup-slots plus the slots of "
                    + "anomaly-sustain (" + (warmupSlots + sustainSlots) + ") and at most 1440, was " + historySlots);
        }
        if (!(cpuRatio > 1) || !Double.isFinite(cpuRatio)) {
            throw new IllegalArgumentException("anomaly-cpu-ratio must be greater than 1, was " + cpuRatio);
        }
        if (!(memoryRatio > 1) || !Double.isFinite(memoryRatio)) {
            throw new IllegalArgumentException("anomaly-memory-ratio must be greater than 1, was " + memoryRatio);
        }
        if (!(cpuMinMillicores >= 0) || !Double.isFinite(cpuMinMillicores)) {
            throw new IllegalArgumentException("anomaly-cpu-min-millicores must be at least 0, was " + cpuMinMillicores);
        }
        if (!(memoryMinMib >= 0) || !Double.isFinite(memoryMinMib)) {
            throw new IllegalArgumentException("anomaly-memory-min-mib must be at least 0, was " + memoryMinMib);
        }
        if (!(surgeShare > 0 && surgeShare <= 1)) {
            throw new IllegalArgumentException("anomaly-surge-share must be in (0, 1], was " + surgeShare);
        }
        if (!(noiseSigmas >= 0) || !Double.isFinite(noiseSigmas)) {
            throw new IllegalArgumentException("anomaly-noise-sigmas must be at least 0, was " + noiseSigmas);
        }
    }

    private static long slots(Duration d, Duration slot) {
        return (d.toMillis() + slot.toMillis() - 1) / slot.toMillis();
    }

    public int sustainSlots() {
        return (int) slots(sustain, slot);
    }

    public int maxGapSlots() {
        return (int) (maxGap.toMillis() / slot.toMillis());
    }

    /** An empty baseline with these slots. */
    public ResourceBaseline baseline() {
        return new ResourceBaseline(slot.toMillis(), historySlots);
    }

    /** Makes a service's resource baselines follow these slots (a stored state may predate a change). */
    public void configure(ServiceState s) {
        s.cpuUsage = s.cpuUsage.configured(slot.toMillis(), historySlots);
        s.memUsage = s.memUsage.configured(slot.toMillis(), historySlots);
    }

    /** These settings with other timings (a compressed run); the bars stay. */
    public AnomalySettings withTimings(Duration slotLength, int history, int warmup, Duration sustainFor, Duration gap) {
        return new AnomalySettings(slotLength, history, warmup, sustainFor, gap, cpuRatio, memoryRatio, cpuMinMillicores,
                memoryMinMib, noiseSigmas, surgeShare, cpuBoundByBaseline, saturationNeedsDeviation);
    }

    public AnomalySettings withSaturationNeedsDeviation(boolean needs) {
        return new AnomalySettings(slot, historySlots, warmupSlots, sustain, maxGap, cpuRatio, memoryRatio,
                cpuMinMillicores, memoryMinMib, noiseSigmas, surgeShare, cpuBoundByBaseline, needs);
    }

    public AnomalySettings withCpuBoundByBaseline(boolean byBaseline) {
        return new AnomalySettings(slot, historySlots, warmupSlots, sustain, maxGap, cpuRatio, memoryRatio,
                cpuMinMillicores, memoryMinMib, noiseSigmas, surgeShare, byBaseline, saturationNeedsDeviation);
    }
}
