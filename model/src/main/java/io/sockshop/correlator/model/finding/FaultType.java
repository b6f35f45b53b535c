package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The fixed taxonomy of fault types that findings and ground truth share, so that a grader compares
 * like with like. Documented in docs/contract.md; adding a value is a contract change (new version).
 */
public enum FaultType {
    /** Containers die at their memory/CPU limits under load (OOMKilled, CrashLoopBackOff). */
    RESOURCE_EXHAUSTION("resource-exhaustion"),
    /** One tier (the entrypoint) cannot take the load and restarts while the tiers behind it only slow down. */
    CAPACITY_BOTTLENECK("capacity-bottleneck"),
    /** Slow but up: latency far above normal, no restarts. */
    PERFORMANCE_DEGRADATION("performance-degradation"),
    /** A synchronous dependency has no available replicas or refuses connections. */
    DEPENDENCY_UNAVAILABLE("dependency-unavailable"),
    /** An asynchronous consumer is gone while its publisher keeps publishing. */
    CONSUMER_UNAVAILABLE("consumer-unavailable"),
    /** A service is CPU-throttled at its limit and the slowdown cascades to its callers. */
    RESOURCE_THROTTLING("resource-throttling"),
    /** A service sits near its CPU or memory limit without crashing. */
    RESOURCE_SATURATION("resource-saturation"),
    /** A service's CPU or memory is far above its own learned baseline, limit or no limit. */
    RESOURCE_ANOMALY("resource-anomaly");

    private final String id;

    FaultType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static FaultType fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault type '" + id + "', expected one of "
                        + Arrays.stream(values()).map(FaultType::id).toList()));
    }
}
