package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.CorrelatorConfig;
import io.sockshop.correlator.engine.EngineMetrics;
import io.sockshop.correlator.engine.StoreNames;
import io.sockshop.correlator.engine.detect.DetectionContext;
import io.sockshop.correlator.engine.detect.Detector;
import io.sockshop.correlator.engine.detect.Match;
import io.sockshop.correlator.engine.incident.IncidentChange;
import io.sockshop.correlator.engine.incident.IncidentRecord;
import io.sockshop.correlator.engine.incident.IncidentStore;
import io.sockshop.correlator.engine.incident.IncidentTracker;
import io.sockshop.correlator.engine.normalize.Changes;
import io.sockshop.correlator.engine.normalize.SignalApplier;
import io.sockshop.correlator.engine.normalize.StateAccess;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.MalformedEventException;
import io.sockshop.correlator.model.health.ServiceHealth;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The heart of the topology: decodes each raw record once (refusing malformed ones to the dead-letter
 * sink), applies it to the state of the service it concerns, and evaluates the detectors in event
 * time: at once when a decisive signal changed, else at most every evaluation interval. Incident
 * changes go to the findings and incidents sinks and to the scoring processor; service health goes
 * to its sink, throttled. Nothing here reads the wall clock.
 */
public final class SignalProcessor implements Processor<byte[], byte[], Object, Object> {

    private final CorrelatorConfig config;
    private final Names names;
    private final List<Detector> detectors;
    private final EngineMetrics metrics;
    private final SignalApplier applier;
    private final IncidentTracker tracker;
    private final HealthPublisher health;
    private final EventCodec<io.sockshop.correlator.model.k8s.K8sObject> k8sCodec = new EventCodec<>(EventType.K8S_OBJECT);
    private final EventCodec<io.sockshop.correlator.model.datadog.DatadogLog> logCodec = new EventCodec<>(EventType.DATADOG_LOG);
    private final EventCodec<io.sockshop.correlator.model.datadog.MetricPoint> metricCodec = new EventCodec<>(EventType.DATADOG_METRIC);

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ServiceState> serviceStore;
    private KeyValueStore<String, AppState> appStore;
    private KeyValueStore<String, IncidentRecord> incidentStore;
    /** Applications whose state stays in the heap between records by default (their services and incidents too). */
    public static final int DEFAULT_CACHED_APPLICATIONS = 2_000;
    /** A Sock Shop has 15 services and queues; the caches of services and incidents are sized from the applications'. */
    private static final int SERVICES_PER_APPLICATION = 16;
    private static final int INCIDENTS_PER_APPLICATION = 4;

    private final BoundedStateCache<ServiceState> serviceCache;
    private final BoundedStateCache<AppState> appCache;
    private final BoundedStateCache<IncidentRecord> incidentCache;
    private final int absentLimit;
    /**
     * Service keys the store is known not to hold: the detectors ask for every service of the topology on
     * every evaluation, and most applications never send records about some of them (datastores, queues).
     * Only this processor writes service state, and it caches every entry it creates, so the set stays true.
     */
    private final java.util.Set<String> absentServices = new java.util.HashSet<>();
    private final Store incidents = new Store();
    private final Changes changes = new Changes();
    /** The configured baseline timings (never holds samples). */
    private final io.sockshop.correlator.engine.state.SlotBaseline baseline;

    /** Node names of the topology this processor forwards to. */
    public record Names(String k8sTopic, String logsTopic, String metricsTopic, String findingsSink,
                        String incidentsSink, String healthSink, String deadLetterSink, String scoring) {
    }

    public SignalProcessor(CorrelatorConfig config, Names names, List<Detector> detectors, EngineMetrics metrics) {
        this(config, names, detectors, metrics, DEFAULT_CACHED_APPLICATIONS);
    }

    public SignalProcessor(CorrelatorConfig config, Names names, List<Detector> detectors, EngineMetrics metrics,
                           int cachedApplications) {
        this.appCache = new BoundedStateCache<>(cachedApplications);
        this.serviceCache = new BoundedStateCache<>(cachedApplications * SERVICES_PER_APPLICATION);
        this.incidentCache = new BoundedStateCache<>(cachedApplications * INCIDENTS_PER_APPLICATION);
        this.absentLimit = cachedApplications * SERVICES_PER_APPLICATION;
        this.config = config;
        this.names = names;
        this.detectors = detectors;
        this.metrics = metrics;
        this.applier = new SignalApplier(config.topology(), config.patterns(), config.detection().limitRatio());
        this.tracker = new IncidentTracker(config.quietPeriod(), config.updateInterval());
        this.health = new HealthPublisher(config.healthInterval());
        this.baseline = config.detection().baseline();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.serviceStore = context.getStateStore(StoreNames.SERVICE_STATE);
        this.appStore = context.getStateStore(StoreNames.APP_STATE);
        this.incidentStore = context.getStateStore(StoreNames.INCIDENTS);
        // A re-initialised task (after a rebalance or an aborted transaction) starts from its stores.
        serviceCache.clear();
        appCache.clear();
        incidentCache.clear();
        absentServices.clear();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        ApplicationKey app;
        try {
            app = applicationKey(record.key());
        } catch (IllegalArgumentException e) {
            refuse(record, topic, "key: " + e.getMessage());
            return;
        }
        try {
            changes.clear();
            AppState appState = app(app.toString());
            Access access = new Access(app.toString(), appState);
            long time;
            boolean known;
            String type;
            if (topic.equals(names.k8sTopic())) {
                CloudEvent<io.sockshop.correlator.model.k8s.K8sObject> e = k8sCodec.decode(record.value());
                time = e.time().toEpochMilli();
                known = applier.k8s(e, access, changes);
                type = "k8s";
            } else if (topic.equals(names.logsTopic())) {
                CloudEvent<io.sockshop.correlator.model.datadog.DatadogLog> e = logCodec.decode(record.value());
                time = e.time().toEpochMilli();
                known = applier.log(e, access, changes);
                type = "log";
            } else if (topic.equals(names.metricsTopic())) {
                CloudEvent<io.sockshop.correlator.model.datadog.MetricPoint> e = metricCodec.decode(record.value());
                time = e.time().toEpochMilli();
                known = applier.metric(e, access, changes);
                type = "metric";
            } else {
                throw new IllegalStateException("record from unexpected topic " + topic);
            }
            if (!known) {
                metrics.unmatched();
            }
            after(app, appState, time);
            // Counted once it went all the way: a record that fails in after() is dead-lettered, not processed too.
            metrics.processed(type);
            trimCaches();
        } catch (MalformedEventException e) {
            refuse(record, topic, e.reason());
        } catch (RuntimeException e) {
            // A valid record this version cannot handle must not stop the application (a poison record would
            // fail the task again on every restart): it is dead-lettered with the cause, and processing goes on.
            refuse(record, topic, "correlator could not process the record: " + e);
        }
    }

    private void refuse(Record<byte[], byte[]> record, String topic, String reason) {
        metrics.deadLetter(topic);
        DeadLetters.forward(context, record, reason, names.deadLetterSink());
    }

    /** Between records, so no object in use is dropped; each dropped one is written back (see BoundedStateCache). */
    private void trimCaches() {
        appCache.trim(appStore::put);
        serviceCache.trim(serviceStore::put);
        incidentCache.trim(incidentStore::put);
        if (absentServices.size() > absentLimit) {
            absentServices.clear(); // only a shortcut: the store still answers for these keys
        }
    }

    static ApplicationKey applicationKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("the record key is required: <cluster>/<namespace>");
        }
        return ApplicationKey.parse(new String(key, StandardCharsets.UTF_8));
    }

    private void after(ApplicationKey app, AppState appState, long time) {
        String appKey = app.toString();
        boolean appChanged = changes.appState;
        if (time > appState.watermark) {
            appState.watermark = time;
            // The watermark alone is written at most once per second of event time: a replay gives the same
            // result either way, and a restore after a crash only resumes from a watermark a little older.
            appChanged |= time - appState.lastTickAt >= 1000;
        }
        for (String service : changes.services) {
            serviceStore.put(appKey + "/" + service, serviceCache.get(appKey + "/" + service));
        }
        long now = appState.watermark;
        boolean due = now - appState.lastEvaluatedAt >= config.evaluationInterval().toMillis();
        java.util.Set<String> healthDue = changes.services;
        if (changes.decisive || (due && (changes.gradual || !appState.openIncidents.isEmpty() || changes.services.isEmpty()))) {
            java.util.Set<String> touched = evaluate(app, appState, now);
            if (!touched.isEmpty()) {
                healthDue = new java.util.LinkedHashSet<>(changes.services);
                healthDue.addAll(touched);
            }
            appChanged = true;
        }
        if (!healthDue.isEmpty()) {
            List<IncidentRecord> open = openRecords(appKey, appState);
            for (String service : healthDue) {
                ServiceState state = cachedService(appKey + "/" + service);
                if (state == null) {
                    continue;
                }
                ServiceHealth h = health.next(app, state, appState, open, now);
                if (h != null) {
                    CloudEvent<ServiceHealth> event = Events.serviceHealth(h);
                    context.forward(new Record<Object, Object>(h.key(), event, now), names.healthSink());
                    appChanged = true;
                }
            }
        }
        if (now - appState.lastTickAt >= 1000) {
            appState.lastTickAt = now;
            appChanged = true;
            context.forward(new Record<Object, Object>(appKey, new ScoringInput.Tick(now), now), names.scoring());
        }
        if (appChanged) {
            appStore.put(appKey, appState);
        }
    }

    /** Runs the detectors; returns the services whose incidents changed (their health picture names them). */
    private java.util.Set<String> evaluate(ApplicationKey app, AppState appState, long now) {
        String appKey = app.toString();
        appState.lastEvaluatedAt = now;
        DetectionContext ctx = new DetectionContext(app, config.topology(), config.detection(), now,
                service -> cachedService(appKey + "/" + service), appState);
        List<Match> matches = new ArrayList<>();
        for (Detector d : detectors) {
            matches.addAll(d.evaluate(ctx));
        }
        if (matches.isEmpty() && appState.openIncidents.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> touched = new java.util.LinkedHashSet<>();
        List<IncidentChange> out = tracker.apply(app, matches, now, appState.openIncidents, appState.resolvedDetectedAt, incidents);
        for (IncidentChange c : out) {
            long at = c.state().updatedAt().toEpochMilli();
            context.forward(new Record<Object, Object>(appKey, Events.finding(c.finding()), at), names.findingsSink());
            context.forward(new Record<Object, Object>(c.state().incidentId(), Events.incident(c.state()), at),
                    names.incidentsSink());
            context.forward(new Record<Object, Object>(appKey, new ScoringInput.Incident(c), at), names.scoring());
            metrics.finding(c.finding().status().name());
            if (c.finding().rootCause() != null) {
                touched.add(c.finding().rootCause().service());
            }
            touched.addAll(c.finding().affectedServices());
        }
        metrics.openIncidents(appKey, appState.openIncidents.size());
        return touched;
    }

    private List<IncidentRecord> openRecords(String appKey, AppState appState) {
        if (appState.openIncidents.isEmpty()) {
            return List.of();
        }
        List<IncidentRecord> out = new ArrayList<>();
        for (String k : appState.openIncidents) {
            IncidentRecord r = incidents.get(appKey + "|" + k);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private AppState app(String appKey) {
        AppState s = appCache.get(appKey);
        if (s == null) {
            s = appStore.get(appKey);
            s = s == null ? new AppState() : s;
            appCache.put(appKey, s);
        }
        return s;
    }

    private ServiceState cachedService(String key) {
        ServiceState s = serviceCache.get(key);
        if (s == null && !absentServices.contains(key)) {
            s = serviceStore.get(key);
            if (s != null) {
                // State written under other baseline settings follows the current ones (same slots: same samples).
                s.latency = s.latency.configured(baseline);
                config.detection().anomaly().configure(s);
                serviceCache.put(key, s);
            } else {
                absentServices.add(key);
            }
        }
        return s;
    }

    private final class Access implements StateAccess {
        private final String appKey;
        private final AppState appState;

        Access(String appKey, AppState appState) {
            this.appKey = appKey;
            this.appState = appState;
        }

        @Override
        public ServiceState service(String name) {
            String key = appKey + "/" + name;
            ServiceState s = cachedService(key);
            if (s == null) {
                s = new ServiceState(name);
                s.latency = config.detection().baseline();
                config.detection().anomaly().configure(s);
                serviceCache.put(key, s);
                absentServices.remove(key);
            }
            return s;
        }

        @Override
        public AppState app() {
            return appState;
        }
    }

    private final class Store implements IncidentStore {
        @Override
        public IncidentRecord get(String key) {
            IncidentRecord r = incidentCache.get(key);
            if (r == null) {
                r = incidentStore.get(key);
                if (r != null) {
                    incidentCache.put(key, r);
                }
            }
            return r;
        }

        @Override
        public void put(String key, IncidentRecord value) {
            incidentCache.put(key, value);
            incidentStore.put(key, value);
        }

        @Override
        public void delete(String key) {
            incidentCache.remove(key);
            incidentStore.delete(key);
        }
    }
}
