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
 * Polls the logs of a group of namespaces with one shared search (see {@link SharedQueries}): each
 * cycle pages (cursor) through a window that starts an overlap before the end of the last one, so
 * logs Datadog ingests late are still found; ids already published are skipped. Each log is keyed by
 * its own {@code kube_namespace} tag ({@link NamespaceRouter}). Every page is published in one
 * transaction with the checkpoint that says how far it got, so a restart resumes at the next page
 * with nothing lost or repeated.
 */
public final class LogsPoller implements Poller {

    private static final Logger LOG = Logger.getLogger(LogsPoller.class);
    static final int MAX_RECENT_IDS = 20_000;
    /** Ids a group may remember: 20,000 per namespace, at most what fits a 4 MiB checkpoint record. */
    static final int MAX_RECENT_IDS_PER_GROUP = 120_000;
    public static final String SOURCE = "datadog-logs";

    private final NamespaceGroup group;
    private final DatadogSettings settings;
    private final DatadogApi api;
    private final TransactionalPublisher publisher;
    private final CheckpointStore checkpoints;
    private final String topic;
    private final Clock clock;
    private final String checkpointKey;
    private final String query;
    private final int maxRecent;
    private final NamespaceRouter router;
    private final AtomicReference<Instant> doneUntil = new AtomicReference<>();
    private List<String> replaces;
    private LogsCheckpoint state;

    public LogsPoller(NamespaceGroup group, DatadogSettings settings, DatadogApi api, TransactionalPublisher publisher,
                      CheckpointStore checkpoints, String topic, Clock clock, MeterRegistry registry) {
        this.group = group;
        this.settings = settings;
        this.api = api;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.topic = topic;
        this.clock = clock;
        this.checkpointKey = "logs/" + settings.cluster() + "/" + group.key();
        this.query = SharedQueries.logsQuery(settings.logsQuery(), group);
        this.maxRecent = Math.min(MAX_RECENT_IDS_PER_GROUP, MAX_RECENT_IDS * group.namespaces().size());
        this.router = new NamespaceRouter(group, "logs", registry);
        var own = checkpoints.get(checkpointKey, LogsCheckpoint.class);
        if (own.isPresent()) {
            state = own.get();
            replaces = List.of();
        } else {
            var takeover = CheckpointTakeover.logs(checkpoints, settings.cluster(), group, checkpointKey,
                    clock.instant().minus(settings.initialLookback()).truncatedTo(ChronoUnit.MILLIS), settings.logsOverlap());
            state = takeover.state();
            replaces = takeover.replaces();
        }
        doneUntil.set(state.doneUntil());
        Gauge.builder("collector.poller.lag.seconds", this, p -> p.lagSeconds())
                .tag("poller", name()).description("how far the poller's covered window is behind now")
                .register(registry);
    }

    /** Convenience for one namespace (the per-namespace poller of before). */
    public LogsPoller(String namespace, DatadogSettings settings, DatadogApi api, TransactionalPublisher publisher,
                      CheckpointStore checkpoints, String topic, Clock clock, MeterRegistry registry) {
        this(NamespaceGroup.of(namespace), settings, api, publisher, checkpoints, topic, clock, registry);
    }

    @Override
    public String name() {
        return "logs/" + group.label();
    }

    @Override
    public Duration interval() {
        return settings.logsInterval();
    }

    public String query() {
        return query;
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
            state = state.withCycle(from, to, null, state.recent());
        }
        String cursor = state.cursor();
        while (true) {
            LogsListResponse page;
            try {
                page = api.searchLogs(query, state.cycleFrom(), state.cycleTo(), cursor, settings.logsPageLimit());
            } catch (DatadogCallException e) {
                if (cursor != null && e.badRequest()) {
                    // An expired cursor: page through the same window again; the ids seen so far are skipped.
                    LOG.warnf("logs cursor refused for %s (%s); reading the window again", group.label(), e.getMessage());
                    state = state.withCycle(state.cycleFrom(), state.cycleTo(), null, state.recent());
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
                    LOG.warnf("skipping a log of %s without id or timestamp", group.label());
                    continue;
                }
                if (recent.putIfAbsent(idHash(log.id()), log.timestamp().toEpochMilli()) != null) {
                    continue;
                }
                NamespaceRouter.Route route = router.route(log.tags());
                if (!route.routed()) {
                    continue;
                }
                Instant floor = state.floors().get(route.namespace());
                if (floor != null && log.timestamp().isBefore(floor)) {
                    continue; // published by the checkpoint this one took over
                }
                records.add(record(route.namespace(), log));
            }
            LogsCheckpoint after;
            if (next == null) {
                Instant done = state.cycleTo();
                long keepFrom = done.minus(settings.logsOverlap()).toEpochMilli();
                recent.values().removeIf(ts -> ts < keepFrom);
                trim(recent);
                Map<String, Instant> floors = new java.util.TreeMap<>(state.floors());
                // The next window starts at done - overlap: no log older than that can come back.
                floors.values().removeIf(f -> !f.isAfter(done.minus(settings.logsOverlap())));
                after = state.done(done, recent, floors);
            } else {
                trim(recent);
                after = state.withCycle(state.cycleFrom(), state.cycleTo(), next, recent);
            }
            List<ProducerRecord<String, byte[]>> checkpointRecords = new ArrayList<>();
            checkpointRecords.add(checkpoints.record(checkpointKey, after));
            checkpointRecords.addAll(CheckpointTakeover.tombstones(checkpoints, replaces));
            publisher.publishAndAwait(Publication.of(SOURCE, records, checkpointRecords,
                    records.isEmpty() ? Map.of() : Map.of("log", records.size()), null));
            replaces = List.of();
            state = after;
            doneUntil.set(after.doneUntil());
            if (next == null) {
                router.reportDropped(name());
                return false;
            }
            cursor = next;
        }
    }

    private ProducerRecord<String, byte[]> record(String namespace, DatadogLog log) {
        CloudEvent<DatadogLog> event = Events.datadogLog(ApplicationKey.of(settings.cluster(), namespace), log);
        return new ProducerRecord<>(topic, event.partitionkey(),
                Topics.DATADOG_LOGS.valueSerde().serializer().serialize(topic, event));
    }

    private void trim(Map<String, Long> recent) {
        if (recent.size() > maxRecent) {
            LOG.warnf("more than %d logs of %s in one overlap window: the oldest ids are forgotten, a late "
                    + "re-read of them would be published again; shorten collector.datadog.logs.overlap", maxRecent, group.label());
            var it = recent.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .limit(recent.size() - maxRecent).map(Map.Entry::getKey).toList();
            it.forEach(recent::remove);
        }
    }

    /** Datadog log ids are long; 12 hex digits of their hash keep the checkpoint small and are unique enough. */
    static String idHash(String id) {
        return EventIds.sha256Prefix(id).substring(0, 12);
    }
}
