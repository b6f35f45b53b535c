package io.sockshop.correlator.engine.app;

/** A synchronous call (HTTP) from one service to another, or to a datastore. */
public record CallEdge(String from, String to) {
}
