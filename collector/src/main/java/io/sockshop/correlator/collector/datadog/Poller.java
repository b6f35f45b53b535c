package io.sockshop.correlator.collector.datadog;

import java.time.Duration;

/** A Datadog poller run by the {@link PollerRunner}: one cycle at a time, on its own thread. */
public interface Poller {

    String name();

    Duration interval();

    /**
     * One cycle. Returns true when it is behind and should run again at once (catching up after downtime).
     */
    boolean pollOnce() throws DatadogCallException, InterruptedException;
}
