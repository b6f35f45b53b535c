package io.sockshop.correlator.model.finding;

/** Lifecycle of an incident: OPEN at first match, UPDATED as evidence grows, RESOLVED after a quiet period. */
public enum IncidentStatus {
    OPEN,
    UPDATED,
    RESOLVED
}
