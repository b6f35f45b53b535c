package io.sockshop.correlator.injector.run;

import java.time.Duration;

/** How a run waits. The real one waits on the clock; tests decide when a wait ends. */
public interface Sleeper {

    /**
     * Waits for {@code duration} or until the run is asked to stop, whichever comes first.
     *
     * @return true when the run was asked to stop
     */
    boolean await(Duration duration, StopSignal stop) throws InterruptedException;

    /** The real clock: waiting ends early when a stop is requested. */
    Sleeper REAL = (duration, stop) -> stop.await(duration);
}
