package io.sockshop.correlator.collector.datadog;

import java.time.Duration;

/** How pollers wait; tests record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(Math.max(0, duration.toMillis()));

    void sleep(Duration duration) throws InterruptedException;
}
