package io.sockshop.correlator.model.finding;

import java.util.List;

/**
 * Ids of the incident signatures the correlator ships. Signature ids are an open set (users add
 * signatures); these constants are what the injector's ground truth and the correlator agree on.
 */
public final class Signatures {

    public static final String RESOURCE_EXHAUSTION_CRASH = "resource-exhaustion-crash";
    public static final String ENTRYPOINT_CRASH_BACKEND_LATENCY = "entrypoint-crash-backend-latency";
    public static final String LATENCY_DEGRADATION = "latency-degradation";
    public static final String DEPENDENCY_DOWN_INCONSISTENCY = "dependency-down-inconsistency";
    public static final String PUBLISHER_ACTIVE_CONSUMER_ABSENT = "publisher-active-consumer-absent";
    public static final String DATASTORE_THROTTLE_CASCADE = "datastore-throttle-cascade";
    public static final String RESOURCE_SATURATION = "resource-saturation";
    public static final String RESOURCE_ANOMALY = "resource-anomaly";

    public static final List<String> SHIPPED = List.of(RESOURCE_EXHAUSTION_CRASH, ENTRYPOINT_CRASH_BACKEND_LATENCY,
            LATENCY_DEGRADATION, DEPENDENCY_DOWN_INCONSISTENCY, PUBLISHER_ACTIVE_CONSUMER_ABSENT,
            DATASTORE_THROTTLE_CASCADE, RESOURCE_SATURATION, RESOURCE_ANOMALY);

    private Signatures() {
    }
}
