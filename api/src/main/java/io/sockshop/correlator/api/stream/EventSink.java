package io.sockshop.correlator.api.stream;

/** Where a stream client's events go: the HTTP response in production, a recorder in tests. */
public interface EventSink {

    /** The socket's write queue is full: writing more would only grow memory. */
    boolean full();

    void write(String text);

    /** Ends the response and closes the connection. */
    void close();

    /** Called back once when the write queue has room again. */
    void onDrain(Runnable action);
}
