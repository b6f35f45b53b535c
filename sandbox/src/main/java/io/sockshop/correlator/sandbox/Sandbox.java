package io.sockshop.correlator.sandbox;

import io.sockshop.correlator.sandbox.behaviour.LoadGenerators;
import io.sockshop.correlator.sandbox.datadog.DatadogApiServer;
import io.sockshop.correlator.sandbox.datadog.LogStore;
import io.sockshop.correlator.sandbox.datadog.MetricStore;
import io.sockshop.correlator.sandbox.datadog.MetricsReporter;
import io.sockshop.correlator.sandbox.datadog.RateLimiter;
import io.sockshop.correlator.sandbox.k8s.SimulatedCluster;
import io.sockshop.correlator.sandbox.logs.PodLogger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The parts of a Sock Shop on kind watched by Datadog that no laptop has: a Kubernetes API with the
 * shop in it and a behaviour model behind it, and a Datadog API serving the logs and metrics the
 * model produces. The real injector and collector talk to it unchanged.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Sandbox.class.getName());

    private final SandboxSettings settings;
    private final Clock clock;
    private final SimulatedCluster cluster;
    private final LogStore logs;
    private final MetricStore metrics;
    private final DatadogApiServer datadog;
    private final Simulation simulation;
    private ScheduledExecutorService ticker;

    private Sandbox(SandboxSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        SimRandom random = new SimRandom(settings.seed());
        Instant now = clock.instant();
        this.cluster = SimulatedCluster.start(new SimulatedCluster.Settings(settings.namespace(), nodeName(settings.cluster()),
                settings.kubernetesPort(), settings.wording(), settings.probeDelayScale(), settings.gracePeriod()),
                random, now, LoadGenerators::runTime);
        this.logs = new LogStore(settings.ingestionDelay(), Duration.ofHours(2), 500_000);
        this.metrics = new MetricStore(Duration.ofHours(2));
        this.datadog = new DatadogApiServer(settings.datadogPort(), logs, metrics,
                new RateLimiter(settings.rateLimit(), settings.rateLimitPeriod()), clock);
        PodLogger logger = new PodLogger(logs, settings.cluster(), settings.namespace(), nodeName(settings.cluster()),
                settings.naming(), random);
        MetricsReporter reporter = new MetricsReporter(metrics, settings.cluster(), settings.namespace(),
                settings.metricInterval(), random);
        this.simulation = new Simulation(cluster, logger, reporter, random, settings.baselineUsers(),
                settings.metricInterval(), settings.probeDelayScale(), now);
    }

    /** Starts the APIs and seeds the cluster; {@link #run()} starts the clock. */
    public static Sandbox start(SandboxSettings settings, Clock clock) {
        try {
            return new Sandbox(settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox's Datadog API on port " + settings.datadogPort(), e);
        }
    }

    /** Ticks the simulation on the wall clock until closed. */
    public synchronized Sandbox run() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "sandbox-tick");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One tick at the clock's now; the ticker calls it, tests may too. */
    public void tick() {
        try {
            simulation.step(clock.instant());
        } catch (RuntimeException e) {
            // A failed tick (say, a conflicting write by a client) must not stop the shop.
            LOG.log(Level.WARNING, "sandbox tick failed: " + e.getMessage(), e);
        }
    }

    /** Writes a kubeconfig that points a client at the simulated API server. */
    public Path writeKubeconfig(Path file) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    namespace: %3$s
                    user: sandbox
                current-context: %1$s
                users:
                - name: sandbox
                  user:
                    token: sandbox
                """.formatted(settings.cluster(), kubernetesUrl(), settings.namespace());
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox kubeconfig to " + file, e);
        }
    }

    public String kubernetesUrl() {
        String url = cluster.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String datadogUrl() {
        return datadog.url();
    }

    public SimulatedCluster cluster() {
        return cluster;
    }

    public Simulation simulation() {
        return simulation;
    }

    public LogStore logs() {
        return logs;
    }

    public MetricStore metrics() {
        return metrics;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** kind names its worker node after the cluster: kind-sockshop runs on sockshop-worker. */
    static String nodeName(String cluster) {
        return (cluster.startsWith("kind-") ? cluster.substring(5) : cluster) + "-worker";
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        datadog.close();
        cluster.close();
    }
}
