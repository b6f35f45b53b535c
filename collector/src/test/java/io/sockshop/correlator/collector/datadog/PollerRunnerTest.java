package io.sockshop.correlator.collector.datadog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runner's waits, recorded instead of slept: the interval after a cycle, none when the poller is
 * behind, an exponential back-off capped at the maximum after failures, reset by the next success.
 */
class PollerRunnerTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What the scripted poller does on each cycle. */
    private enum Step { OK, BEHIND, DATADOG_FAILS, BUG }

    @Test
    void backsOffExponentiallyUpToTheMaximumAndResetsOnSuccess() {
        Run run = run(Step.DATADOG_FAILS, Step.DATADOG_FAILS, Step.BUG, Step.DATADOG_FAILS, Step.DATADOG_FAILS,
                Step.OK, Step.DATADOG_FAILS, Step.OK);

        // base = max(1 s, interval): 1, 2, 4 s, then capped at 5 s; a success sleeps the interval and resets.
        assertThat(run.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                MAX_BACKOFF, MAX_BACKOFF, INTERVAL, Duration.ofSeconds(1), INTERVAL);
        assertThat(run.registry.counter("collector.poller.failures", "poller", "scripted").count()).isEqualTo(6.0);
    }

    @Test
    void aPollerThatIsBehindRunsAgainAtOnce() {
        Run run = run(Step.BEHIND, Step.BEHIND, Step.OK, Step.BEHIND, Step.OK);

        assertThat(run.waits).containsExactly(INTERVAL, INTERVAL);
        assertThat(run.cycles).isEqualTo(5);
    }

    @Test
    void nothingAPollerThrowsStopsItsThread() {
        Run run = run(Step.BUG, Step.BUG, Step.BUG, Step.OK);

        assertThat(run.cycles).isEqualTo(4);
        assertThat(run.aliveAfterScript).isTrue();
        assertThat(run.registry.counter("collector.poller.failures", "poller", "scripted").count()).isEqualTo(3.0);
    }

    private record Run(List<Duration> waits, int cycles, boolean aliveAfterScript, SimpleMeterRegistry registry) {
    }

    /** Runs the script, then parks the runner's thread in its next wait and closes the runner. */
    private static Run run(Step... script) {
        Deque<Step> steps = new ArrayDeque<>(List.of(script));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        CountDownLatch parked = new CountDownLatch(1);
        int[] cycles = {0};
        Poller poller = new Poller() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Duration interval() {
                return INTERVAL;
            }

            @Override
            public boolean pollOnce() throws DatadogCallException, InterruptedException {
                Step step = steps.poll();
                if (step == null) {
                    parked.countDown();
                    new CountDownLatch(1).await();
                }
                cycles[0]++;
                return switch (step) {
                    case OK -> false;
                    case BEHIND -> true;
                    case DATADOG_FAILS -> throw new DatadogCallException(503, "HTTP 503 from Datadog");
                    case BUG -> throw new IllegalStateException("a bug in a mapper");
                };
            }
        };
        Sleeper recording = waits::add;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PollerRunner runner = new PollerRunner(List.of(poller), recording, MAX_BACKOFF, registry);
        runner.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> parked.getCount() == 0);
        boolean alive = runner.allAlive();
        runner.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !runner.allAlive());
        return new Run(List.copyOf(waits), cycles[0], alive, registry);
    }
}
