package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.finding.Signatures;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The ground truth each shipped scenario must declare: what the correlator is tested to produce for
 * the same incident. Written out here, not read from the scenario files, so a file that drifts fails.
 */
final class ShippedScenarios {

    static final Map<String, GroundTruth> EXPECTED = Map.of(
            "incident-1", new GroundTruth(Signatures.RESOURCE_EXHAUSTION_CRASH, "front-end", FaultType.RESOURCE_EXHAUSTION),
            "incident-2", new GroundTruth(Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY, "front-end",
                    FaultType.CAPACITY_BOTTLENECK),
            "incident-4", new GroundTruth(Signatures.LATENCY_DEGRADATION, "front-end", FaultType.PERFORMANCE_DEGRADATION),
            "incident-3", new GroundTruth(Signatures.DEPENDENCY_DOWN_INCONSISTENCY, "payment",
                    FaultType.DEPENDENCY_UNAVAILABLE),
            "incident-5", new GroundTruth(Signatures.PUBLISHER_ACTIVE_CONSUMER_ABSENT, "queue-master",
                    FaultType.CONSUMER_UNAVAILABLE),
            "incident-8", new GroundTruth(Signatures.DATASTORE_THROTTLE_CASCADE, "catalogue-db",
                    FaultType.RESOURCE_THROTTLING));

    /** How many waits of the scenario pass before its fault is in place (the crash point of the crash test). */
    static final Map<String, Integer> WAITS_BEFORE_FAULT = Map.of(
            "incident-1", 0, "incident-2", 0, "incident-4", 0, "incident-3", 1, "incident-5", 1, "incident-8", 1);

    private ShippedScenarios() {
    }

    static Stream<String> ids() {
        return Stream.of("incident-1", "incident-2", "incident-4", "incident-3", "incident-5", "incident-8");
    }
}
