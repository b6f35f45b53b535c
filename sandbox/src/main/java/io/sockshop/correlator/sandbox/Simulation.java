package io.sockshop.correlator.sandbox;

import io.sockshop.correlator.sandbox.behaviour.LoadGenerators;
import io.sockshop.correlator.sandbox.behaviour.ShopModel;
import io.sockshop.correlator.sandbox.behaviour.ShopState;
import io.sockshop.correlator.sandbox.datadog.MetricsReporter;
import io.sockshop.correlator.sandbox.k8s.SimulatedCluster;
import io.sockshop.correlator.sandbox.logs.BackgroundLogs;
import io.sockshop.correlator.sandbox.logs.CatalogueRoutes;
import io.sockshop.correlator.sandbox.logs.FrontEndTraffic;
import io.sockshop.correlator.sandbox.logs.OrderFlow;
import io.sockshop.correlator.sandbox.logs.PodLogger;

import java.time.Duration;
import java.time.Instant;

/**
 * One tick of the simulated shop: the control plane reconciles, load generators set the users, the
 * shop's load is updated (OOM-killing what overflows), then the tick's logs and, at the check
 * interval, its metrics are written for the Datadog API to serve.
 */
public final class Simulation {

    private final SimulatedCluster cluster;
    private final ShopModel shop;
    private final FrontEndTraffic traffic;
    private final OrderFlow orders;
    private final BackgroundLogs background;
    private final MetricsReporter metrics;
    private final double baselineUsers;
    private final Duration metricInterval;
    private Instant last;
    private Instant nextMetrics;
    private ShopState lastState;

    public Simulation(SimulatedCluster cluster, PodLogger logger, MetricsReporter metrics, SimRandom random,
                      double baselineUsers, Duration metricInterval, double probeDelayScale, Instant start) {
        this.cluster = cluster;
        this.shop = new ShopModel(cluster.kubelet(), probeDelayScale);
        this.traffic = new FrontEndTraffic(logger, new CatalogueRoutes(logger, random), random);
        this.orders = new OrderFlow(logger, random);
        this.background = new BackgroundLogs(logger, random);
        this.metrics = metrics;
        this.baselineUsers = baselineUsers;
        this.metricInterval = metricInterval;
        this.last = start;
        this.nextMetrics = start;
    }

    public synchronized ShopState step(Instant now) {
        double dt = Math.min(5, Math.max(0.001, Duration.between(last, now).toMillis() / 1000.0));
        last = now;
        cluster.step(now);
        double users = baselineUsers + LoadGenerators.users(cluster.runningJobs(now), cluster::jobStartedAt, now);
        ShopState state = shop.step(now, dt, users);
        traffic.step(state);
        orders.step(state);
        background.step(state);
        if (!now.isBefore(nextMetrics)) {
            metrics.report(state, cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems(),
                    orders.queueDepth(), orders.consumerConnected(state));
            nextMetrics = nextMetrics.plus(metricInterval);
            while (!now.isBefore(nextMetrics)) {
                nextMetrics = nextMetrics.plus(metricInterval);
            }
        }
        lastState = state;
        return state;
    }

    public synchronized ShopState lastState() {
        return lastState;
    }

    public OrderFlow orders() {
        return orders;
    }
}
