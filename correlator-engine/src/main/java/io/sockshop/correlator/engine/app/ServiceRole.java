package io.sockshop.correlator.engine.app;

/** What a service is to the others: detectors reason about roles, never about names. */
public enum ServiceRole {
    /** A request-serving service (front-end, orders, ...). */
    SERVICE,
    /** A database or cache that services call through a datastore edge. */
    DATASTORE,
    /** A message broker that carries queue edges. */
    BROKER
}
