package io.sockshop.correlator.engine.detect;

import java.util.Comparator;
import java.util.List;

/** The shipped detectors, in precedence order. */
public final class Detectors {

    private Detectors() {
    }

    public static List<Detector> shipped() {
        return List.<Detector>of(new DependencyDownDetector(), new ConsumerAbsentDetector(),
                        new DatastoreThrottleCascadeDetector(), new ResourceExhaustionCrashDetector(),
                        new EntrypointCrashBackendLatencyDetector(), new LatencyDegradationDetector(),
                        new ResourceSaturationDetector(), new ResourceAnomalyDetector()).stream()
                .sorted(Comparator.comparingInt(Detector::precedence)).toList();
    }
}
