package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.ResourceBaseline;
import io.sockshop.correlator.engine.state.ResourceBaseline.Reference;
import io.sockshop.correlator.engine.state.ResourceBaseline.Stretch;

import java.util.Optional;

/**
 * One pod's CPU or memory far above its service's learned baseline for a sustained stretch: the judgement
 * every baseline-aware detector shares. {@code size} is how far it left its baseline, in bars: 1 at the bar,
 * 2 twice as far above the baseline as the bar is; it ranks suspects across services and resources.
 */
public record Deviation(String service, Resource resource, String pod, Reference reference, double bar, Stretch stretch,
                        double size) {

    public enum Resource {
        CPU("CPU"), MEMORY("memory");

        private final String label;

        Resource(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** When the deviation began (epoch ms): the start of its first slot above the bar. */
    public long start() {
        return stretch.start();
    }

    /** A usage value as findings print it. */
    public String format(double value) {
        return resource == Resource.CPU ? Format.cpu(value) : Format.mib(value);
    }

    /** The service's limit of this resource (millicores, bytes); 0 when none is known. */
    public double limit(io.sockshop.correlator.engine.state.ServiceState s) {
        return resource == Resource.CPU ? s.cpuLimitMilli : s.memLimitBytes;
    }

    /** The recent level over the baseline. */
    public double ratio() {
        return reference.level() > 0 ? stretch.recent() / reference.level() : Double.POSITIVE_INFINITY;
    }

    /**
     * The largest sustained deviation among the pods of one service's baseline, or empty: none, a stretch
     * shorter than the sustain time, or a baseline still warming up. The baseline excludes the stretch it
     * judges (first the sustain window, then the whole stretch found), so a long anomaly does not become its own normal.
     */
    public static Optional<Deviation> judge(String service, Resource resource, ResourceBaseline b, long now, AnomalySettings a) {
        Deviation best = null;
        for (String pod : b.pods()) {
            Deviation d = judgePod(service, resource, b, pod, now, a);
            if (d != null && (best == null || d.size() > best.size())) {
                best = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Deviation judgePod(String service, Resource resource, ResourceBaseline b, String pod, long now,
                                      AnomalySettings a) {
        long sustain = a.sustain().toMillis();
        Reference ref = b.reference(now, now - sustain + b.slotMillis(), a.warmupSlots());
        if (!ref.warm()) {
            return null;
        }
        double bar = bar(ref, resource, a);
        Stretch stretch = b.stretch(pod, now, bar, a.maxGapSlots(), a.sustainSlots());
        if (stretch == null) {
            return null;
        }
        Reference before = b.reference(now, stretch.start(), a.warmupSlots());
        if (!before.warm()) {
            return null; // the stretch reaches back past the history it could be judged against
        }
        if (before.level() != ref.level() || before.sigma() != ref.sigma()) {
            ref = before;
            bar = bar(ref, resource, a);
            stretch = b.stretch(pod, now, bar, a.maxGapSlots(), a.sustainSlots());
            if (stretch == null) {
                return null;
            }
        }
        if (Math.min(stretch.end(), now) - stretch.start() < sustain) { // the current slot counts up to now
            return null;
        }
        double step = bar - ref.level();
        double size = step > 0 ? (stretch.recent() - ref.level()) / step : Double.POSITIVE_INFINITY;
        return new Deviation(service, resource, pod, ref, bar, stretch, size);
    }

    /** The highest of the three bars: a multiple of the baseline, a minimum step above it, and its noise. */
    static double bar(Reference ref, Resource resource, AnomalySettings a) {
        double level = ref.level();
        double ratio = resource == Resource.CPU ? a.cpuRatio() : a.memoryRatio();
        double minStep = resource == Resource.CPU ? a.cpuMinMillicores() : a.memoryMinMib() * AnomalySettings.MIB;
        return Math.max(level * ratio, Math.max(level + minStep, level + a.noiseSigmas() * ref.sigma()));
    }
}
