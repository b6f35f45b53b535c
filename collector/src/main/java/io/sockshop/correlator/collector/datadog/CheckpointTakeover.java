package io.sockshop.correlator.collector.datadog;

import io.sockshop.correlator.collector.kafka.CheckpointStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first state of a shared poller whose own checkpoint does not exist yet, taken over from the
 * checkpoints that covered its namespaces before: the per-namespace collector's
 * ({@code logs/<cluster>/<namespace>}, {@code metrics/<cluster>/<namespace>/<query hash>}) or another
 * grouping's (the namespaces were chunked differently). Per namespace it keeps the furthest progress
 * any of them committed; the ids and series they remember are merged. The new window starts at the
 * earliest of them, and each namespace's floor skips what its predecessor had already published, so
 * the takeover neither repeats nor skips a record. The checkpoints taken over entirely are deleted in
 * the same transaction as the first commit of the new one; a crash before it takes over again.
 */
final class CheckpointTakeover {

    private static final Logger LOG = Logger.getLogger(CheckpointTakeover.class);

    /** A state and the checkpoint keys it replaces. */
    record Result<T>(T state, List<String> replaces) {
    }

    private CheckpointTakeover() {
    }

    static Result<LogsCheckpoint> logs(CheckpointStore store, String cluster, NamespaceGroup group, String ownKey,
                                       Instant fresh, Duration overlap) {
        String prefix = "logs/" + cluster + "/";
        Map<String, LogsCheckpoint> sources = new HashMap<>();
        for (String ns : group.namespaces()) {
            String key = prefix + ns;
            if (!key.equals(ownKey)) {
                store.get(key, LogsCheckpoint.class).ifPresent(c -> sources.put(key, c));
            }
        }
        store.all(k -> k.startsWith(prefix + "group-") && !k.equals(ownKey), LogsCheckpoint.class).forEach((key, c) -> {
            if (c.namespaces() != null && c.namespaces().stream().anyMatch(group::contains)) {
                sources.put(key, c);
            }
        });
        Map<String, Long> recent = new LinkedHashMap<>();
        Map<String, Instant> floors = new TreeMap<>();
        Instant doneUntil = null;
        for (String ns : group.namespaces()) {
            Instant done = null;
            Instant floor = null;
            for (Map.Entry<String, LogsCheckpoint> e : sources.entrySet()) {
                LogsCheckpoint c = e.getValue();
                if (!covers(e.getKey(), prefix, c.namespaces(), ns)) {
                    continue;
                }
                done = max(done, c.doneUntil());
                floor = max(max(floor, c.doneUntil().minus(overlap)), c.floors().get(ns));
            }
            if (done == null) {
                done = fresh; // never polled: nothing published, nothing to skip
            } else {
                floors.put(ns, floor);
            }
            doneUntil = doneUntil == null || done.isBefore(doneUntil) ? done : doneUntil;
        }
        sources.values().forEach(c -> recent.putAll(c.recent()));
        List<String> replaces = replaced(sources, prefix, group);
        if (!sources.isEmpty()) {
            LOG.infof("logs of %s: taking over %d older checkpoint(s) %s, resuming at %s", group.namespaces(),
                    sources.size(), sources.keySet(), doneUntil);
        }
        return new Result<>(new LogsCheckpoint(doneUntil, null, null, null, recent, group.namespaces(), floors), replaces);
    }

    static Result<MetricsCheckpoint> metrics(CheckpointStore store, String cluster, MetricQuery query, String ownKey,
                                             Instant fresh) {
        String prefix = "metrics/" + cluster + "/";
        NamespaceGroup group = query.group();
        Map<String, MetricsCheckpoint> sources = new HashMap<>();
        Map<String, String> keyNamespace = new HashMap<>();
        for (String ns : group.namespaces()) {
            String key = prefix + ns + "/" + MetricQuery.single(ns, query.template(), query.interval()).id();
            if (!key.equals(ownKey)) {
                store.get(key, MetricsCheckpoint.class).ifPresent(c -> {
                    sources.put(key, c);
                    keyNamespace.put(key, ns);
                });
            }
        }
        store.all(k -> k.startsWith(prefix + "group-") && !k.equals(ownKey), MetricsCheckpoint.class).forEach((key, c) -> {
            if (query.template().equals(c.template()) && c.namespaces() != null
                    && c.namespaces().stream().anyMatch(group::contains)) {
                sources.put(key, c);
            }
        });
        Map<String, Long> last = new HashMap<>();
        Map<String, Instant> floors = new TreeMap<>();
        Instant doneUntil = null;
        for (String ns : group.namespaces()) {
            Instant done = null;
            for (Map.Entry<String, MetricsCheckpoint> e : sources.entrySet()) {
                MetricsCheckpoint c = e.getValue();
                boolean covers = ns.equals(keyNamespace.get(e.getKey()))
                        || (c.namespaces() != null && c.namespaces().contains(ns));
                if (covers) {
                    done = max(max(done, c.doneUntil()), c.floors().get(ns));
                }
            }
            if (done != null) {
                floors.put(ns, done);
            }
            Instant start = done == null ? fresh : done;
            doneUntil = doneUntil == null || start.isBefore(doneUntil) ? start : doneUntil;
        }
        sources.values().forEach(c -> c.lastPoints().forEach((id, ts) -> last.merge(id, ts, Math::max)));
        List<String> replaces = new ArrayList<>();
        sources.forEach((key, c) -> {
            if (keyNamespace.containsKey(key) || group.namespaces().containsAll(c.namespaces())) {
                replaces.add(key);
            }
        });
        if (!sources.isEmpty()) {
            LOG.infof("%s of %s: taking over %d older checkpoint(s), resuming at %s", query.label(), group.namespaces(),
                    sources.size(), doneUntil);
        }
        return new Result<>(new MetricsCheckpoint(doneUntil, last, group.namespaces(), query.template(), floors), replaces);
    }

    /** Tombstones for the keys a state replaces. */
    static List<ProducerRecord<String, byte[]>> tombstones(CheckpointStore store, List<String> keys) {
        return keys.stream().map(store::tombstone).toList();
    }

    private static boolean covers(String key, String prefix, List<String> namespaces, String ns) {
        return namespaces != null ? namespaces.contains(ns) : key.equals(prefix + ns);
    }

    /** Keys whose namespaces all belong to the group; a grouping split across new groups stays until all moved. */
    private static List<String> replaced(Map<String, LogsCheckpoint> sources, String prefix, NamespaceGroup group) {
        List<String> keys = new ArrayList<>();
        sources.forEach((key, c) -> {
            if (c.namespaces() == null ? group.contains(key.substring(prefix.length())) : group.namespaces().containsAll(c.namespaces())) {
                keys.add(key);
            }
        });
        return keys;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
