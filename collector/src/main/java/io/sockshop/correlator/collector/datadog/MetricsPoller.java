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
import io.sockshop.correlator.model.datadog.Tags;
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
 * Runs one metrics query at its interval. Windows have a constant length (interval plus overlap),
 * so Datadog's rollup, and with it the point timestamps, stays the same from one window to the
 * next; behind after downtime, it catches up window by window. A point is published once: only
 * points later than the series' last published one, and not the last bucket while it is still open.
 * Points and checkpoint go in one transaction.
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
    private final AtomicReference<Instant> doneUntil = new AtomicReference<>();
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
        this.checkpointKey = "metrics/" + settings.cluster() + "/" + query.namespace() + "/" + query.id();
        this.state = checkpoints.get(checkpointKey, MetricsCheckpoint.class).orElseGet(() -> new MetricsCheckpoint(
                clock.instant().minus(settings.initialLookback()).truncatedTo(ChronoUnit.SECONDS), Map.of()));
        doneUntil.set(state.doneUntil());
        Gauge.builder("collector.poller.lag.seconds", this, p -> Duration.between(p.doneUntil.get(), p.clock.instant())
                        .toMillis() / 1000.0)
                .tag("poller", name()).description("how far the poller's covered window is behind now")
                .register(registry);
    }

    @Override
    public String name() {
        return "metrics/" + query.namespace() + "/" + query.label();
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
            String id = MetricMapper.seriesId(s);
            long lastPublished = last.getOrDefault(id, Long.MIN_VALUE);
            long open = to.toEpochMilli() - (s.getInterval() == null ? 0 : s.getInterval() * 1000);
            for (MetricPoint point : MetricMapper.points(s, query.query())) {
                long ts = point.timestamp().toEpochMilli();
                if (ts <= lastPublished || ts > open) {
                    continue;
                }
                records.add(record(point));
                counts.merge(point.metric(), 1, Integer::sum);
                last.merge(id, ts, Math::max);
            }
        }
        long forget = to.minus(FORGET_SERIES_AFTER).toEpochMilli();
        last.values().removeIf(ts -> ts < forget);
        MetricsCheckpoint after = new MetricsCheckpoint(to, last);
        publisher.publishAndAwait(Publication.of(SOURCE, records, List.of(checkpoints.record(checkpointKey, after)),
                counts, null));
        state = after;
        doneUntil.set(to);
        return now.isAfter(to);
    }

    private ProducerRecord<String, byte[]> record(MetricPoint point) {
        String namespace = Tags.value(point.tags(), "kube_namespace").filter(settings.namespaces()::contains)
                .orElse(query.namespace());
        CloudEvent<MetricPoint> event = Events.metricPoint(ApplicationKey.of(settings.cluster(), namespace), point);
        return new ProducerRecord<>(topic, event.partitionkey(),
                Topics.DATADOG_METRICS.valueSerde().serializer().serialize(topic, event));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
