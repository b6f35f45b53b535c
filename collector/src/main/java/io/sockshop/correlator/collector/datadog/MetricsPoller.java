package io.sockshop.correlator.collector.datadog;

import com.datadog.api.client.v1.model.MetricsQueryMetadata;
import com.datadog.api.client.v1.model.MetricsQueryResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.Publication;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one metrics query, shared by a group of namespaces, at its interval. Windows have a constant
 * length (interval plus overlap), so Datadog's rollup, and with it the point timestamps, stays the
 * same from one window to the next; behind after downtime, it catches up window by window. Each
 * series goes to the namespace of its {@code kube_namespace} tag ({@link NamespaceRouter}). A point is
 * published once: only points later than the series' last published one, and not the last bucket
 * while it is still open. Points and checkpoint go in one transaction.
 */
public final class MetricsPoller implements Poller {

    public static final String SOURCE = "datadog-metrics";
    private static final Duration FORGET_SERIES_AFTER = Duration.ofHours(6);

    private final MetricQuery query;
    private final DatadogSettings settings;
    private final DatadogApi api;
    private final TransactionalPublisher publisher;
    private final CheckpointStore checkpoints;
    private final String topic;
    private final Clock clock;
    private final String checkpointKey;
    private final NamespaceRouter router;
    private final AtomicReference<Instant> doneUntil = new AtomicReference<>();
    private List<String> replaces;
    private MetricsCheckpoint state;

    public MetricsPoller(MetricQuery query, DatadogSettings settings, DatadogApi api, TransactionalPublisher publisher,
                         CheckpointStore checkpoints, String topic, Clock clock, MeterRegistry registry) {
        this.query = query;
        this.settings = settings;
        this.api = api;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.topic = topic;
        this.clock = clock;
        this.checkpointKey = "metrics/" + settings.cluster() + "/" + query.group().key() + "/" + query.id();
        this.router = new NamespaceRouter(query.group(), "metrics", registry);
        var own = checkpoints.get(checkpointKey, MetricsCheckpoint.class);
        if (own.isPresent()) {
            state = own.get();
            replaces = List.of();
        } else {
            var takeover = CheckpointTakeover.metrics(checkpoints, settings.cluster(), query, checkpointKey,
                    clock.instant().minus(settings.initialLookback()).truncatedTo(ChronoUnit.SECONDS));
            state = takeover.state();
            replaces = takeover.replaces();
        }
        doneUntil.set(state.doneUntil());
        Gauge.builder("collector.poller.lag.seconds", this, p -> Duration.between(p.doneUntil.get(), p.clock.instant())
                        .toMillis() / 1000.0)
                .tag("poller", name()).description("how far the poller's covered window is behind now")
                .register(registry);
    }

    @Override
    public String name() {
        return "metrics/" + query.group().label() + "/" + query.label();
    }

    @Override
    public Duration interval() {
        return query.interval();
    }

    @Override
    public boolean pollOnce() throws DatadogCallException, InterruptedException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant to = min(now, state.doneUntil().plus(query.interval()));
        if (!to.isAfter(state.doneUntil())) {
            return false;
        }
        Instant from = to.minus(query.interval()).minus(settings.metricsOverlap());
        MetricsQueryResponse response = api.queryMetrics(query.query(), from, to);
        Map<String, Long> last = new HashMap<>(state.lastPoints());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        List<MetricsQueryMetadata> series = response.getSeries() == null ? List.of() : response.getSeries();
        for (MetricsQueryMetadata s : series) {
            NamespaceRouter.Route route = router.route(MetricMapper.tags(s));
            if (!route.routed()) {
                continue;
            }
            String id = MetricMapper.seriesId(s);
            long intervalMillis = s.getInterval() == null ? 0 : s.getInterval() * 1000;
            long lastPublished = last.getOrDefault(id, Long.MIN_VALUE);
            Instant floor = state.floors().get(route.namespace());
            if (!last.containsKey(id) && floor != null) {
                // A series the checkpoint taken over does not name: its closed buckets up to that window's end were published.
                lastPublished = floor.toEpochMilli() - intervalMillis;
            }
            long open = to.toEpochMilli() - intervalMillis;
            for (MetricPoint point : MetricMapper.points(s, query.query())) {
                long ts = point.timestamp().toEpochMilli();
                if (ts <= lastPublished || ts > open) {
                    continue;
                }
                records.add(record(route.namespace(), point));
                counts.merge(point.metric(), 1, Integer::sum);
                last.merge(id, ts, Math::max);
            }
        }
        long forget = to.minus(FORGET_SERIES_AFTER).toEpochMilli();
        last.values().removeIf(ts -> ts < forget);
        Map<String, Instant> floors = new java.util.TreeMap<>(state.floors());
        Instant nextFrom = to.minus(settings.metricsOverlap());
        floors.values().removeIf(f -> !f.isAfter(nextFrom));
        MetricsCheckpoint after = new MetricsCheckpoint(to, last, state.namespaces(), state.template(), floors);
        List<ProducerRecord<String, byte[]>> checkpointRecords = new ArrayList<>();
        checkpointRecords.add(checkpoints.record(checkpointKey, after));
        checkpointRecords.addAll(CheckpointTakeover.tombstones(checkpoints, replaces));
        publisher.publishAndAwait(Publication.of(SOURCE, records, checkpointRecords, counts, null));
        replaces = List.of();
        state = after;
        doneUntil.set(to);
        router.reportDropped(name());
        return now.isAfter(to);
    }

    private ProducerRecord<String, byte[]> record(String namespace, MetricPoint point) {
        CloudEvent<MetricPoint> event = Events.metricPoint(ApplicationKey.of(settings.cluster(), namespace), point);
        return new ProducerRecord<>(topic, event.partitionkey(),
                Topics.DATADOG_METRICS.valueSerde().serializer().serialize(topic, event));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
