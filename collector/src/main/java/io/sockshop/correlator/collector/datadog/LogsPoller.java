package io.sockshop.correlator.collector.datadog;

import com.datadog.api.client.v2.model.Log;
import com.datadog.api.client.v2.model.LogsListResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.Publication;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventIds;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polls the logs of one namespace: each cycle pages (cursor) through a window that starts an
 * overlap before the end of the last one, so logs Datadog ingests late are still found; ids
 * already published are skipped. Every page is published in one transaction with the checkpoint
 * that says how far it got, so a restart resumes at the next page with nothing lost or repeated.
 */
public final class LogsPoller implements Poller {

    private static final Logger LOG = Logger.getLogger(LogsPoller.class);
    static final int MAX_RECENT_IDS = 20_000;
    public static final String SOURCE = "datadog-logs";

    private final String namespace;
    private final DatadogSettings settings;
    private final DatadogApi api;
    private final TransactionalPublisher publisher;
    private final CheckpointStore checkpoints;
    private final String topic;
    private final Clock clock;
    private final String checkpointKey;
    private final ApplicationKey application;
    private final AtomicReference<Instant> doneUntil = new AtomicReference<>();
    private LogsCheckpoint state;

    public LogsPoller(String namespace, DatadogSettings settings, DatadogApi api, TransactionalPublisher publisher,
                      CheckpointStore checkpoints, String topic, Clock clock, MeterRegistry registry) {
        this.namespace = namespace;
        this.settings = settings;
        this.api = api;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.topic = topic;
        this.clock = clock;
        this.checkpointKey = "logs/" + settings.cluster() + "/" + namespace;
        this.application = ApplicationKey.of(settings.cluster(), namespace);
        this.state = checkpoints.get(checkpointKey, LogsCheckpoint.class).orElseGet(() ->
                new LogsCheckpoint(clock.instant().minus(settings.initialLookback()).truncatedTo(ChronoUnit.MILLIS),
                        null, null, null, Map.of()));
        doneUntil.set(state.doneUntil());
        Gauge.builder("collector.poller.lag.seconds", this, p -> p.lagSeconds())
                .tag("poller", name()).description("how far the poller's covered window is behind now")
                .register(registry);
    }

    @Override
    public String name() {
        return "logs/" + namespace;
    }

    @Override
    public Duration interval() {
        return settings.logsInterval();
    }

    double lagSeconds() {
        return Duration.between(doneUntil.get(), clock.instant()).toMillis() / 1000.0;
    }

    /** One cycle: every page of one window. Returns true when more is waiting (never for logs). */
    @Override
    public boolean pollOnce() throws DatadogCallException, InterruptedException {
        if (state.cursor() == null) {
            Instant to = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Instant from = state.doneUntil().minus(settings.logsOverlap());
            state = new LogsCheckpoint(state.doneUntil(), from, to, null, state.recent());
        }
        String query = settings.logsQueryFor(namespace);
        String cursor = state.cursor();
        while (true) {
            LogsListResponse page;
            try {
                page = api.searchLogs(query, state.cycleFrom(), state.cycleTo(), cursor, settings.logsPageLimit());
            } catch (DatadogCallException e) {
                if (cursor != null && e.badRequest()) {
                    // An expired cursor: page through the same window again; the ids seen so far are skipped.
                    LOG.warnf("logs cursor refused for %s (%s); reading the window again", namespace, e.getMessage());
                    state = new LogsCheckpoint(state.doneUntil(), state.cycleFrom(), state.cycleTo(), null, state.recent());
                    cursor = null;
                    continue;
                }
                throw e;
            }
            List<Log> data = page.getData() == null ? List.of() : page.getData();
            String next = data.isEmpty() || page.getMeta() == null || page.getMeta().getPage() == null
                    ? null : page.getMeta().getPage().getAfter();
            Map<String, Long> recent = new java.util.LinkedHashMap<>(state.recent());
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (Log entry : data) {
                DatadogLog log = LogMapper.map(entry);
                if (log == null) {
                    LOG.warnf("skipping a log of %s without id or timestamp", namespace);
                    continue;
                }
                if (recent.putIfAbsent(idHash(log.id()), log.timestamp().toEpochMilli()) != null) {
                    continue;
                }
                records.add(record(log));
            }
            LogsCheckpoint after;
            if (next == null) {
                Instant done = state.cycleTo();
                long keepFrom = done.minus(settings.logsOverlap()).toEpochMilli();
                recent.values().removeIf(ts -> ts < keepFrom);
                trim(recent);
                after = new LogsCheckpoint(done, null, null, null, recent);
            } else {
                trim(recent);
                after = new LogsCheckpoint(state.doneUntil(), state.cycleFrom(), state.cycleTo(), next, recent);
            }
            publisher.publishAndAwait(Publication.of(SOURCE, records, List.of(checkpoints.record(checkpointKey, after)),
                    records.isEmpty() ? Map.of() : Map.of("log", records.size()), null));
            state = after;
            doneUntil.set(after.doneUntil());
            if (next == null) {
                return false;
            }
            cursor = next;
        }
    }

    private ProducerRecord<String, byte[]> record(DatadogLog log) {
        ApplicationKey key = log.tag("kube_namespace").filter(settings.namespaces()::contains)
                .map(ns -> ApplicationKey.of(settings.cluster(), ns)).orElse(application);
        CloudEvent<DatadogLog> event = Events.datadogLog(key, log);
        return new ProducerRecord<>(topic, event.partitionkey(),
                Topics.DATADOG_LOGS.valueSerde().serializer().serialize(topic, event));
    }

    private void trim(Map<String, Long> recent) {
        if (recent.size() > MAX_RECENT_IDS) {
            LOG.warnf("more than %d logs of %s in one overlap window: the oldest ids are forgotten, a late "
                    + "re-read of them would be published again; shorten collector.datadog.logs.overlap", MAX_RECENT_IDS, namespace);
            var it = recent.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .limit(recent.size() - MAX_RECENT_IDS).map(Map.Entry::getKey).toList();
            it.forEach(recent::remove);
        }
    }

    /** Datadog log ids are long; 12 hex digits of their hash keep the checkpoint small and are unique enough. */
    static String idHash(String id) {
        return EventIds.sha256Prefix(id).substring(0, 12);
    }
}
