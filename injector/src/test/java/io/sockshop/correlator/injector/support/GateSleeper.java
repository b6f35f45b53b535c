package io.sockshop.correlator.injector.support;

import io.sockshop.correlator.injector.run.Sleeper;
import io.sockshop.correlator.injector.run.StopSignal;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A sleeper the test drives: each wait of a run blocks on a gate until the test opens it, so the test
 * can look at the cluster in the middle of a run, stop it there, or crash it there.
 */
public final class GateSleeper implements Sleeper {

    /** Thrown out of a wait to end the run's thread as a process crash would: no restore runs. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the injector process");
        }
    }

    /** One wait of a run. */
    public static final class Gate {
        private final Duration duration;
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile boolean crash;

        Gate(Duration duration) {
            this.duration = duration;
        }

        public Duration duration() {
            return duration;
        }

        public void open() {
            opened.countDown();
        }

        public void crash() {
            crash = true;
            opened.countDown();
        }
    }

    private final BlockingQueue<Gate> reached = new LinkedBlockingQueue<>();

    @Override
    public boolean await(Duration duration, StopSignal stop) throws InterruptedException {
        Gate gate = new Gate(duration);
        reached.add(gate);
        while (!gate.opened.await(20, TimeUnit.MILLISECONDS)) {
            if (stop.requested()) {
                return true;
            }
        }
        if (gate.crash) {
            throw new SimulatedCrash();
        }
        return stop.requested();
    }

    /** The next wait a run reaches; fails the test if none comes in time. */
    public Gate next() throws InterruptedException {
        Gate gate = reached.poll(30, TimeUnit.SECONDS);
        if (gate == null) {
            throw new AssertionError("no run reached a wait within 30 s");
        }
        return gate;
    }
}
