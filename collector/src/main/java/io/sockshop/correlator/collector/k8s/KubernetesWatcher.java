package io.sockshop.correlator.collector.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sockshop.correlator.collector.kafka.CheckpointStore;
import io.sockshop.correlator.collector.kafka.Publication;
import io.sockshop.correlator.collector.kafka.TransactionalPublisher;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.k8s.WatchAction;
import io.sockshop.correlator.model.kafka.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shared informers for Pods, Deployments, ReplicaSets, Jobs and Events in each watched namespace.
 * Handlers only map and hand off to the publisher, never block. What was published last for each
 * object is checkpointed together with the record, so a resync or a restart republishes nothing
 * unchanged, and an object that vanished while nobody watched (a relist after 410 Gone or a
 * restart) is published as {@code RELIST_DELETED} with the last state seen.
 */
public final class KubernetesWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesWatcher.class);
    public static final String SOURCE = "k8s";

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final String topic;
    private final TransactionalPublisher publisher;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final MeterRegistry registry;
    private final K8sObjectMapper mapper;
    private final Map<String, K8sObject> published = new ConcurrentHashMap<>();
    private final Set<String> relistDeleted = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    private final List<WatchedInformer> informers = new ArrayList<>();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collector-informer-monitor");
        t.setDaemon(true);
        return t;
    });
    private final Counter resyncNoOps;

    public KubernetesWatcher(KubernetesClient client, KubernetesSettings settings, String topic,
                             TransactionalPublisher publisher, CheckpointStore checkpoints, Clock clock,
                             MeterRegistry registry) {
        this.client = client;
        this.settings = settings;
        this.topic = topic;
        this.publisher = publisher;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.registry = registry;
        this.mapper = new K8sObjectMapper(settings.cluster());
        this.resyncNoOps = Counter.builder("collector.k8s.unchanged.skipped")
                .description("informer notifications of an object version already published (resyncs, relists)")
                .register(registry);
    }

    /** Loads what was published before, starts every informer; each one reconciles once it has synced. */
    public void start() {
        String prefix = "k8s/" + settings.cluster() + "/";
        published.putAll(checkpoints.all(key -> key.startsWith(prefix), K8sObject.class));
        boolean eventsV1 = useEventsV1();
        LOG.infof("watching %s in namespace(s) %s (Events from %s), %d object(s) known from checkpoints",
                "Pods, Deployments, ReplicaSets, Jobs, Events", settings.namespaces(),
                eventsV1 ? "events.k8s.io/v1" : "core/v1", published.size());
        long resync = settings.resync().toMillis();
        for (String ns : settings.namespaces()) {
            watch(ns, "Pod", client.pods().inNamespace(ns).runnableInformer(resync));
            watch(ns, "Deployment", client.apps().deployments().inNamespace(ns).runnableInformer(resync));
            watch(ns, "ReplicaSet", client.apps().replicaSets().inNamespace(ns).runnableInformer(resync));
            watch(ns, "Job", client.batch().v1().jobs().inNamespace(ns).runnableInformer(resync));
            if (eventsV1) {
                watch(ns, "Event", client.events().v1().events().inNamespace(ns).runnableInformer(resync));
            } else {
                watch(ns, "Event", client.v1().events().inNamespace(ns).runnableInformer(resync));
            }
        }
        monitor.scheduleWithFixedDelay(this::checkWatching, 1, 1, TimeUnit.SECONDS);
    }

    private boolean useEventsV1() {
        return switch (settings.eventsApi()) {
            case CORE -> false;
            case EVENTS_K8S_IO -> true;
            case AUTO -> {
                try {
                    yield client.supports(io.fabric8.kubernetes.api.model.events.v1.Event.class);
                } catch (RuntimeException e) {
                    LOG.warnf("cannot tell whether events.k8s.io/v1 is served (%s); watching core/v1 Events", e.getMessage());
                    yield false;
                }
            }
        };
    }

    private <T extends HasMetadata> void watch(String namespace, String kind, SharedIndexInformer<T> informer) {
        WatchedInformer watched = new WatchedInformer(namespace, kind, informer, Counter.builder("collector.informer.reconnects")
                .tag("namespace", namespace).tag("kind", kind)
                .description("times an informer's watch was re-established").register(registry));
        informer.addEventHandler(new Handler<>(namespace, kind));
        informer.exceptionHandler((started, t) -> {
            LOG.warnf("%s informer in %s: %s; retrying", kind, namespace, t.getMessage());
            return true;
        });
        informers.add(watched);
        io.micrometer.core.instrument.Gauge.builder("collector.informer.watching", watched, w -> w.wasWatching ? 1 : 0)
                .tag("namespace", namespace).tag("kind", kind)
                .description("1 while the informer is synced and watching, as last checked").register(registry);
        informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.errorf("%s informer in %s failed to start: %s", kind, namespace, error.getMessage());
            } else {
                reconcile(namespace, kind, informer);
            }
        });
    }

    /** Objects known from before that the first list no longer has: deleted while nobody watched. */
    private void reconcile(String namespace, String kind, SharedIndexInformer<? extends HasMetadata> informer) {
        Set<String> present = informer.getStore().list().stream().map(o -> o.getMetadata().getUid())
                .collect(Collectors.toSet());
        String prefix = keyPrefix(namespace, kind);
        for (Map.Entry<String, K8sObject> entry : List.copyOf(published.entrySet())) {
            if (entry.getKey().startsWith(prefix) && !present.contains(entry.getValue().uid())
                    && published.remove(entry.getKey(), entry.getValue())) {
                relistDeleted.add(entry.getValue().uid());
                publishDelete(entry.getValue(), WatchAction.RELIST_DELETED);
            }
        }
        LOG.infof("%s informer in %s synced: %d object(s)", kind, namespace, present.size());
    }

    private String keyPrefix(String namespace, String kind) {
        return "k8s/" + settings.cluster() + "/" + namespace + "/" + kind + "/";
    }

    private String key(K8sObject object) {
        return keyPrefix(object.namespace(), object.kind()) + object.uid();
    }

    private void publish(K8sObject object) {
        String key = key(object);
        published.put(key, object);
        offer(object, checkpoints.record(key, object), () -> published.remove(key, object));
    }

    private void publishDelete(K8sObject last, WatchAction action) {
        K8sObject deleted = action == WatchAction.RELIST_DELETED
                ? withAction(last, WatchAction.RELIST_DELETED, clock.instant())
                : last;
        offer(deleted, checkpoints.tombstone(key(last)), null);
    }

    private void offer(K8sObject object, ProducerRecord<String, byte[]> checkpoint, Runnable onDropped) {
        CloudEvent<K8sObject> event = Events.k8s(object, K8sObjectMapper.eventTime(object));
        byte[] value = Topics.K8S.valueSerde().serializer().serialize(topic, event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.partitionkey(), value);
        publisher.offer(Publication.of(SOURCE, List.of(record), List.of(checkpoint),
                Map.of(object.kind(), 1), onDropped));
    }

    private static K8sObject withAction(K8sObject o, WatchAction action, java.time.Instant observedAt) {
        return new K8sObject(action, o.cluster(), o.kind(), o.apiVersion(), o.namespace(), o.name(), o.uid(),
                o.resourceVersion(), o.generation(), o.labels(), o.owners(), o.creationTimestamp(),
                o.deletionTimestamp(), observedAt, action == WatchAction.RELIST_DELETED, o.replicas(), o.containers(),
                o.pod(), o.event(), o.job());
    }

    private final class Handler<T extends HasMetadata> implements ResourceEventHandler<T> {
        private final String namespace;
        private final String kind;

        Handler(String namespace, String kind) {
            this.namespace = namespace;
            this.kind = kind;
        }

        @Override
        public void onAdd(T obj) {
            changed(obj);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            changed(newObj);
        }

        private void changed(T obj) {
            try {
                String key = keyPrefix(namespace, kind) + obj.getMetadata().getUid();
                K8sObject before = published.get(key);
                String version = obj.getMetadata().getResourceVersion();
                if (before != null && before.resourceVersion().equals(version)) {
                    resyncNoOps.increment();
                    return;
                }
                publish(mapper.map(obj, before == null ? WatchAction.ADDED : WatchAction.MODIFIED, clock.instant()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot publish %s %s/%s", kind, namespace, obj.getMetadata().getName());
            }
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            try {
                String key = keyPrefix(namespace, kind) + obj.getMetadata().getUid();
                K8sObject before = published.remove(key);
                if (relistDeleted.remove(obj.getMetadata().getUid()) && before == null) {
                    return;
                }
                if (deletedFinalStateUnknown) {
                    K8sObject last = before != null ? before : mapper.map(obj, WatchAction.MODIFIED, clock.instant());
                    publishDelete(last, WatchAction.RELIST_DELETED);
                } else {
                    publishDelete(mapper.map(obj, WatchAction.DELETED, clock.instant()), WatchAction.DELETED);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot publish the deletion of %s %s/%s", kind, namespace, obj.getMetadata().getName());
            }
        }
    }

    private void checkWatching() {
        informers.forEach(WatchedInformer::check);
    }

    /** Every informer has synced and is watching. */
    public boolean allWatching() {
        return !informers.isEmpty() && informers.stream().allMatch(WatchedInformer::watching);
    }

    /** Which informers are not watching, for the readiness check's data. */
    public Map<String, Boolean> watchingByInformer() {
        return informers.stream().collect(Collectors.toMap(i -> i.kind + "/" + i.namespace,
                WatchedInformer::watching, (a, b) -> a && b, LinkedHashMap::new));
    }

    /** An informer that stopped for good cannot recover by itself. */
    public boolean anyStopped() {
        return informers.stream().anyMatch(i -> i.informer.stopped().toCompletableFuture().isDone());
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        informers.forEach(i -> i.informer.close());
    }

    private static final class WatchedInformer {
        final String namespace;
        final String kind;
        final SharedIndexInformer<?> informer;
        final Counter reconnects;
        volatile boolean wasWatching;
        boolean everWatched;

        WatchedInformer(String namespace, String kind, SharedIndexInformer<?> informer, Counter reconnects) {
            this.namespace = namespace;
            this.kind = kind;
            this.informer = informer;
            this.reconnects = reconnects;
        }

        boolean watching() {
            return informer.hasSynced() && informer.isWatching();
        }

        synchronized void check() {
            boolean now = watching();
            if (now && !wasWatching) {
                if (everWatched) {
                    reconnects.increment();
                    LOG.infof("%s informer in %s is watching again", kind, namespace);
                }
                everWatched = true;
            } else if (!now && wasWatching) {
                LOG.warnf("%s informer in %s lost its watch; reconnecting", kind, namespace);
            }
            wasWatching = now;
        }
    }

}
