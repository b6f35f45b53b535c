package io.sockshop.correlator.engine.app;

/** An asynchronous hand-over: the publisher puts messages on a queue of a broker, the consumer takes them. */
public record QueueEdge(String queue, String publisher, String consumer, String broker) {
}
