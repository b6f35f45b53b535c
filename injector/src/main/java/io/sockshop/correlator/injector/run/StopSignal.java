package io.sockshop.correlator.injector.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Asks a run to stop, once, with the reason that goes into its ABORTED event. */
public final class StopSignal {

    private final CountDownLatch latch = new CountDownLatch(1);
    private final AtomicReference<String> reason = new AtomicReference<>();

    /** @return false when a stop was already requested */
    public boolean request(String why) {
        boolean first = reason.compareAndSet(null, why);
        latch.countDown();
        return first;
    }

    public boolean requested() {
        return latch.getCount() == 0;
    }

    public String reason() {
        return reason.get();
    }

    /** @return true when a stop was requested before the duration passed */
    public boolean await(Duration duration) throws InterruptedException {
        return latch.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
