package io.sockshop.correlator.collector;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.datadog.DatadogApi;
import io.sockshop.correlator.collector.datadog.DatadogSettings;
import io.sockshop.correlator.collector.datadog.LogsPoller;
import io.sockshop.correlator.collector.datadog.MetricQuery;
import io.sockshop.correlator.collector.datadog.MetricsPoller;
import io.sockshop.correlator.collector.datadog.NamespaceGroup;
import io.sockshop.correlator.collector.datadog.SharedQueries;
import io.sockshop.correlator.collector.datadog.Poller;
import io.sockshop.correlator.collector.datadog.PollerRunner;
import io.sockshop.correlator.collector.datadog.Sleeper;
import io.sockshop.correlator.collector.k8s.KubernetesSettings;
import io.sockshop.correlator.collector.k8s.KubernetesWatcher;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.KafkaProbe;
import io.sockshop.correlator.collector.kafka.KafkaSettings;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.kafka.TopicBootstrap;
import io.sockshop.correlator.model.kafka.Topics;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole collector, free of Quarkus: the publisher, the informers, the pollers. Start-up runs on
 * its own thread and waits for Kafka as long as it takes: the transactional producer first (which
 * aborts what a predecessor left open), then the topics, then the checkpoints, then the sources.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Collector.class);

    private final KafkaSettings kafka;
    private final KubernetesSettings kubernetes;
    private final KubernetesClient client;
    private final DatadogSettings datadog;
    private final Clock clock;
    private final Sleeper sleeper;
    private final MeterRegistry registry;
    private final TransactionalPublisher publisher;
    private final KafkaProbe probe;
    private final Thread boot;
    private volatile KubernetesWatcher watcher;
    private volatile PollerRunner pollers;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param kubernetes null to watch nothing
     * @param datadog    null to poll nothing
     */
    public Collector(KafkaSettings kafka, KubernetesSettings kubernetes, KubernetesClient client, DatadogSettings datadog,
                     Clock clock, Sleeper sleeper, MeterRegistry registry) {
        this.kafka = kafka;
        this.kubernetes = kubernetes;
        this.client = client;
        this.datadog = datadog;
        this.clock = clock;
        this.sleeper = sleeper;
        this.registry = registry;
        this.publisher = new TransactionalPublisher(kafka, registry);
        this.probe = new KafkaProbe(kafka.clientConfig(), clock);
        this.boot = new Thread(this::boot, "collector-boot");
        this.boot.setDaemon(true);
    }

    public Collector start() {
        publisher.start();
        boot.start();
        return this;
    }

    public TransactionalPublisher publisher() {
        return publisher;
    }

    private void boot() {
        int attempt = 0;
        while (!closed) {
            try {
                publisher.initialized().get();
                TopicBootstrap.ensure(probe.admin(), List.of(Topics.K8S.withPrefix(kafka.topicPrefix()),
                                Topics.DATADOG_LOGS.withPrefix(kafka.topicPrefix()),
                                Topics.DATADOG_METRICS.withPrefix(kafka.topicPrefix())),
                        kafka.partitions(), Optional.empty(), Duration.ofSeconds(30));
                probe.ensureCheckpointTopic(kafka.checkpointTopicName(), kafka.partitions(), Duration.ofSeconds(30));
                CheckpointStore checkpoints = CheckpointStore.load(kafka.clientConfig(), kafka.checkpointTopicName(),
                        Duration.ofMinutes(2));
                startSources(checkpoints);
                started = true;
                LOG.infof("collector started (cluster %s)", kafka.transactionalId());
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                LOG.warnf("collector start-up waits for Kafka: %s", e.getMessage());
                try {
                    Thread.sleep(Math.min(30_000, 1_000L << Math.min(attempt++, 5)));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void startSources(CheckpointStore checkpoints) {
        if (kubernetes != null) {
            KubernetesWatcher w = new KubernetesWatcher(client, kubernetes, kafka.k8sTopic(), publisher, checkpoints,
                    clock, registry);
            watcher = w;
            w.start();
        }
        if (datadog != null) {
            DatadogApi api = new DatadogApi(datadog, clock, sleeper, registry);
            List<Poller> list = new ArrayList<>();
            if (datadog.logsEnabled()) {
                for (NamespaceGroup group : SharedQueries.logsGroups(datadog)) {
                    list.add(new LogsPoller(group, datadog, api, publisher, checkpoints, kafka.logsTopic(), clock, registry));
                }
            }
            if (datadog.metricsEnabled()) {
                for (MetricQuery query : SharedQueries.metricQueries(datadog)) {
                    list.add(new MetricsPoller(query, datadog, api, publisher, checkpoints, kafka.metricsTopic(), clock,
                            registry));
                }
            }
            LOG.infof("polling Datadog for %d namespace(s) with %d logs search(es) and %d metrics queries",
                    datadog.namespaces().size(), list.stream().filter(p -> p instanceof LogsPoller).count(),
                    list.stream().filter(p -> p instanceof MetricsPoller).count());
            PollerRunner runner = new PollerRunner(list, sleeper, datadog.maxBackoff(), registry);
            pollers = runner;
            runner.start();
        }
    }

    /** Started, Kafka reachable and accepting, every informer watching. */
    public boolean ready() {
        KubernetesWatcher w = watcher;
        return started && publisher.healthy() && probe.reachable() && (w == null || w.allWatching());
    }

    /** What readiness is made of, for the health endpoint's data. */
    public Map<String, Object> readinessDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("started", started);
        details.put("kafkaReachable", probe.reachable());
        details.put("kafkaAccepting", publisher.healthy());
        details.put("bufferedBytes", publisher.bufferedBytes());
        if (publisher.lastError() != null && !publisher.healthy()) {
            details.put("kafkaError", publisher.lastError());
        }
        KubernetesWatcher w = watcher;
        if (w != null) {
            w.watchingByInformer().forEach((informer, watching) -> details.put("watching " + informer, watching));
        }
        return details;
    }

    /** False only for what a restart would fix and waiting would not. */
    public boolean live() {
        KubernetesWatcher w = watcher;
        PollerRunner p = pollers;
        return publisher.fatal() == null && (w == null || !w.anyStopped()) && (p == null || p.allAlive())
                && (started || boot.isAlive() || closed);
    }

    public String fatal() {
        return publisher.fatal();
    }

    @Override
    public void close() {
        closed = true;
        boot.interrupt();
        PollerRunner p = pollers;
        if (p != null) {
            p.close();
        }
        KubernetesWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        publisher.close(Duration.ofSeconds(10));
        probe.close();
    }
}
