package io.sockshop.correlator.engine.anomaly;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.fixtures.Fixtures;
import io.sockshop.correlator.engine.fixtures.GuideIncidents;
import io.sockshop.correlator.engine.fixtures.Harness;
import io.sockshop.correlator.engine.fixtures.Names;
import io.sockshop.correlator.engine.fixtures.Scenario;
import io.sockshop.correlator.engine.fixtures.UsageTraffic;
import io.sockshop.correlator.model.CloudEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six hours of an ordinary Sock Shop day replayed through the real topology with every shipped detector:
 * CPU and memory of all fourteen services every 10 s with noise, garbage-collector saw-teeth and rare
 * one-sample bursts (UsageTraffic), the manifest's limits, APM latency with a long tail, go-kit durations,
 * morgan access lines with the odd 401 and 404, Go health checks marked status:error, and a two-minute
 * hole in the metrics. Nothing is wrong, so nothing may be found.
 */
class NormalTrafficReplayTest {

    static final Names N = Names.SOCK_SHOP;
    static final double HOURS = 6;

    @Test
    void sixHoursOfNormalTrafficWithRealisticNoiseGiveNoFindingAtAll() {
        Fixtures f = new Fixtures(N, GuideIncidents.T0);
        double until = HOURS * 3600;
        UsageTraffic.Shape day = new UsageTraffic.Shape() {
            public boolean silent(String s, double t) {
                return t >= 7200 && t < 7320; // the agent restarted: no metrics for two minutes
            }
        };
        Scenario s = new Scenario(f).addAll(0, f.steadyCluster(0))
                .addAll(0, new UsageTraffic(f, 7, true).samples(0, until, 10, day));
        Random r = new Random(11);
        for (double t = 0; t < until; t += 10) {
            // Latency: lognormal-ish around the normal level, now and then a slow request.
            double tail = r.nextDouble() < 0.02 ? 3 + 4 * r.nextDouble() : 1;
            s.add(t, f.latency(t + 0.3, "front-end", 0.12 * Math.exp(0.25 * r.nextGaussian()) * tail));
            s.add(t, f.latency(t + 0.4, "orders", 0.08 * Math.exp(0.25 * r.nextGaussian())));
            s.add(t, f.catalogueList(t + 1.1, 6 * Math.exp(0.3 * r.nextGaussian())));
            s.add(t, f.userGet(t + 1.7, 5 * Math.exp(0.3 * r.nextGaussian())));
            s.add(t, f.access(t + 5.1, "GET", "/catalogue?size=5", 200, 40 * Math.exp(0.3 * r.nextGaussian()) * tail));
            if (((long) t) % 30 == 0) {
                s.add(t, f.goHealth(t + 2.5, "catalogue"));
                s.add(t, f.goHealth(t + 3.5, "user"));
                s.add(t, f.goHealth(t + 4.5, "payment"));
                s.add(t, f.exporterUpdated(t + 6));
            }
            if (r.nextDouble() < 0.03) {
                s.add(t, f.access(t + 5.3, "GET", "/login", 401, 53.98));
                s.add(t, f.userNotFound(t + 5.4));
            }
            if (r.nextDouble() < 0.01) {
                s.add(t, f.access(t + 5.5, "GET", "/detail.html?id=unknown", 404, 12.0));
            }
        }
        List<CloudEvent<?>> events = s.events();
        try (Harness h = new Harness(CorrelatorConfig.defaults().withTopology(N.topology()))) {
            h.pipeAll(events);
            assertThat(h.findings()).as("findings over %s hours of normal traffic", HOURS).isEmpty();
            assertThat(h.deadLetters()).isEmpty();
        }
        assertThat(events).hasSizeGreaterThan(70_000);
    }
}
