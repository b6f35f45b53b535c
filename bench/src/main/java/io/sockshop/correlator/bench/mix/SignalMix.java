package io.sockshop.correlator.bench.mix;

import io.sockshop.correlator.model.CloudEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The pre-loaded data set of the throughput benchmark: {@code apps} Sock Shop applications sending
 * steady traffic interleaved in event time, as a collector watching them all would publish it. Every
 * {@code incidentEvery}-th application has guide incident 3 (payment scaled to 0, refused calls,
 * failed orders) a third of the way in and recovers at two thirds, so the correlator has incidents to
 * open, update and resolve, not only state to keep. Deterministic for a given seed.
 *
 * @param apps            applications (each {@code <cluster>/sock-shop-NNNN}, 14 services)
 * @param records         records in total, each application sending the same number
 * @param start           event time of the first record
 * @param secondsPerRound event-time step between two records of one application
 * @param incidentEvery   every n-th application has an incident; 0 for none
 */
public record SignalMix(int apps, long records, Instant start, double secondsPerRound, int incidentEvery, long seed) {

    public SignalMix {
        if (apps < 1 || records < apps) {
            throw new IllegalArgumentException("need at least one application and one record per application");
        }
    }

    public static SignalMix of(int apps, long records) {
        return new SignalMix(apps, records, Instant.parse("2025-11-05T20:00:00Z"), 0.25, 50, 42);
    }

    public long rounds() {
        return records / apps;
    }

    /** Applications that have an incident. */
    public int incidentApps() {
        return incidentEvery <= 0 ? 0 : (apps + incidentEvery - 1) / incidentEvery;
    }

    public Iterator<CloudEvent<?>> events() {
        return new Iterator<>() {
            private final List<AppSource> sources = new ArrayList<>();
            private final ArrayDeque<CloudEvent<?>> pending = new ArrayDeque<>();
            private long emitted;
            private long round;
            private int app;

            {
                for (int i = 0; i < apps; i++) {
                    sources.add(new AppSource(i, start, seed));
                }
            }

            @Override
            public boolean hasNext() {
                return emitted < rounds() * apps;
            }

            @Override
            public CloudEvent<?> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (pending.isEmpty()) {
                    fill();
                }
                emitted++;
                return pending.poll();
            }

            /** The records of the next (round, application) slot: one, or a few where a script begins. */
            private void fill() {
                AppSource s = sources.get(app);
                double t = round * secondsPerRound + secondsPerRound * app / apps;
                long total = rounds();
                boolean scripted = incidentEvery > 0 && app % incidentEvery == 0;
                if (round == 0) {
                    // The steady cluster replaces as many regular records, so the total stays exact.
                    pending.addAll(s.steadyCluster(t));
                } else if (scripted && round == total / 3) {
                    pending.addAll(s.paymentDown(t));
                } else if (scripted && round == 2 * total / 3) {
                    pending.addAll(s.paymentBack(t));
                } else {
                    pending.add(s.next(t));
                }
                if (++app == apps) {
                    app = 0;
                    round++;
                }
            }
        };
    }
}
