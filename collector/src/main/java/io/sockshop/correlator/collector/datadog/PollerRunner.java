package io.sockshop.correlator.collector.datadog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each poller on its own platform thread (the Datadog client blocks; never on an event loop):
 * a cycle, then its interval; behind, at once; on failure, an exponential back-off up to the
 * maximum. Nothing a poller throws stops it.
 */
public final class PollerRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PollerRunner.class);

    private final List<Poller> pollers;
    private final Sleeper sleeper;
    private final Duration maxBackoff;
    private final MeterRegistry registry;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public PollerRunner(List<Poller> pollers, Sleeper sleeper, Duration maxBackoff, MeterRegistry registry) {
        this.pollers = List.copyOf(pollers);
        this.sleeper = sleeper;
        this.maxBackoff = maxBackoff;
        this.registry = registry;
    }

    public void start() {
        for (Poller poller : pollers) {
            Thread thread = new Thread(() -> loop(poller), "collector-poller-" + poller.name());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void loop(Poller poller) {
        int failures = 0;
        while (!closed) {
            try {
                boolean behind = poller.pollOnce();
                failures = 0;
                if (!behind) {
                    sleeper.sleep(poller.interval());
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (DatadogCallException e) {
                failures++;
                failed(poller, e.getMessage(), failures);
                if (!backoff(poller, failures)) {
                    return;
                }
            } catch (RuntimeException e) {
                failures++;
                failed(poller, e.getClass().getSimpleName() + ": " + e.getMessage(), failures);
                if (!backoff(poller, failures)) {
                    return;
                }
            }
        }
    }

    private void failed(Poller poller, String message, int failures) {
        Counter.builder("collector.poller.failures").tag("poller", poller.name())
                .description("poller cycles that failed and were retried").register(registry).increment();
        LOG.warnf("%s: %s (failure %d in a row; retrying)", poller.name(), message, failures);
    }

    private boolean backoff(Poller poller, int failures) {
        long base = Math.max(1_000, poller.interval().toMillis());
        long millis = Math.min(maxBackoff.toMillis(), base << Math.min(failures - 1, 10));
        try {
            sleeper.sleep(Duration.ofMillis(millis));
            return true;
        } catch (InterruptedException e) {
            return !closed;
        }
    }

    public boolean allAlive() {
        return threads.stream().allMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
