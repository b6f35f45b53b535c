package io.sockshop.correlator.model.health;

/** The one-word picture of a service. */
public enum HealthStatus {
    /** Replicas available, no recent restarts, latency and errors normal. */
    HEALTHY,
    /** Up, but restarting, slow, erroring or near a limit. */
    DEGRADED,
    /** No available replica, or every replica crash-looping. */
    DOWN,
    /** Not enough signals yet to tell. */
    UNKNOWN
}
