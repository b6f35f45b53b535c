package io.sockshop.correlator.engine.incident;

import io.sockshop.correlator.engine.detect.Match;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.EventIds;
import io.sockshop.correlator.model.finding.Confidence;
import io.sockshop.correlator.model.finding.Evaluation;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.SignatureRef;
import io.sockshop.correlator.model.finding.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The incident lifecycle. OPEN at the first match, UPDATED when the evidence or impact grows (at once
 * for key numbers, at most every {@code updateInterval} of event time for gauges), RESOLVED when the
 * signature has not held for {@code quietPeriod}. At most one open incident per (application,
 * signature, root-cause service); its id is deterministic:
 * {@code <cluster>.<namespace>.<signature>.<root cause>.<epoch seconds of detection>}.
 * Differential diagnosis: an open incident of a more specific signature suppresses less specific
 * matches on the services it covers, and when it opens, or grows to suspect more services, it supersedes
 * the open incidents it refines (see {@link #refines}), and a resolved one it refines whose symptoms
 * it began during (they paused while it took over). A holding match keeps its open incident open without changing it.
 */
public final class IncidentTracker {

    /** Store key infix of the last resolved incident of each key (one per key: bounded like the open ones). */
    static final String RESOLVED = "resolved|";

    private final Duration quietPeriod;
    private final Duration updateInterval;

    public IncidentTracker(Duration quietPeriod, Duration updateInterval) {
        this.quietPeriod = quietPeriod;
        this.updateInterval = updateInterval;
    }

    public static String key(String signature, String rootCause) {
        return signature + "|" + (rootCause == null ? "" : rootCause);
    }

    public static String incidentId(ApplicationKey app, String signature, String rootCause, long detectedAt) {
        return app.cluster() + "." + app.namespace() + "." + signature + "." + (rootCause == null ? "unlocalised" : rootCause)
                + "." + Math.floorDiv(detectedAt, 1000);
    }

    /**
     * Applies the current matches of one application. {@code openKeys} (the application's open incident
     * keys, store keys without the application prefix) is updated in place.
     */
    public List<IncidentChange> apply(ApplicationKey app, List<Match> matches, long now, List<String> openKeys,
                                      IncidentStore store) {
        return apply(app, matches, now, openKeys, new java.util.HashMap<>(), store);
    }

    /**
     * Like {@link #apply(ApplicationKey, List, long, List, IncidentStore)}; {@code resolved} (per incident
     * key, when the last resolved incident of that key was detected) is updated in place. A resolved
     * incident stays resolved: a match of its key whose evidence completed no later than it did is the
     * same incident (the same episode, seen again once the symptoms it needs line up again), and opening
     * it again would reuse its id. Evidence completed later is a new incident.
     */
    public List<IncidentChange> apply(ApplicationKey app, List<Match> matches, long now, List<String> openKeys,
                                      Map<String, Long> resolved, IncidentStore store) {
        String prefix = app + "|";
        List<IncidentRecord> open = new ArrayList<>();
        for (String k : openKeys) {
            IncidentRecord r = store.get(prefix + k);
            if (r != null) {
                open.add(r);
            }
        }
        List<IncidentChange> changes = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<Match> ordered = new ArrayList<>(matches);
        ordered.sort(Comparator.comparingInt(Match::precedence).thenComparing(Match::signature)
                .thenComparing(m -> String.valueOf(m.rootCauseService())));
        for (Match match : ordered) {
            Match m = match;
            String key = key(m.signature(), m.rootCauseService());
            IncidentRecord existing = open.stream().filter(r -> r.key.equals(key)).findFirst().orElse(null);
            boolean suppressed = open.stream().anyMatch(r -> r != existing && r.precedence < match.precedence()
                    && r.covers(match.rootCauseService() == null ? match.affected().get(0) : match.rootCauseService()));
            if (suppressed) {
                continue;
            }
            if (m.active()) {
                matched.add(key);
            }
            // A recovering match with nothing open still opens: the cause went away before the evidence completing
            // the signature was processed (logs behind the Kubernetes records), and the episode happened.
            if (existing == null && m.holding()) {
                continue; // the signature no longer holds: nothing to open
            }
            if (existing == null && resolved.containsKey(key)
                    && Math.floorDiv(Math.min(m.detectedAt(), now), 1000) <= Math.floorDiv(resolved.get(key), 1000)) {
                continue;
            }
            if (existing == null) {
                IncidentRecord created = open(app, m, now, key);
                changes.add(emit(app, created, m, IncidentStatus.OPEN, now, "opened: " + m.title(), null));
                for (IncidentRecord r : List.copyOf(open)) {
                    if (refines(match, r)) {
                        changes.add(resolve(app, r, now, created.incidentId));
                        resolved.put(r.key, r.detectedAt);
                        open.remove(r);
                        store.delete(prefix + r.key);
                        store.put(prefix + RESOLVED + r.key, r);
                    }
                }
                supersedeResolved(app, match, created.incidentId, now, resolved, store, changes);
                open.add(created);
                store.put(prefix + key, created);
            } else {
                if (m.active()) {
                    existing.lastActiveAt = now;
                }
                if (!m.holding()) {
                    // Evidence that arrived late can only move detection earlier: the same input in any order converges.
                    existing.detectedAt = Math.min(existing.detectedAt, m.detectedAt());
                }
                m = m.active() && !m.holding() ? withImpact(m, Impacts.ratchet(existing.latest.impact(), m.impact()))
                        : completing(existing.latest, m);
                String keyPrint = keyFingerprint(m);
                String materialPrint = materialFingerprint(m);
                boolean keyChanged = !keyPrint.equals(existing.keyFingerprint);
                boolean materialChanged = !materialPrint.equals(existing.materialFingerprint);
                if (keyChanged || (materialChanged && now - existing.lastEmittedAt >= updateInterval.toMillis())) {
                    String what = describe(existing.latest, m);
                    changes.add(emit(app, existing, m, IncidentStatus.UPDATED, now, what, null));
                }
                store.put(prefix + key, existing);
                if (match.active() && !match.holding()) {
                    // An incident that grows to suspect more services (one more crashing under the same load)
                    // refines the open incidents it now explains, as it would have had it opened with them.
                    for (IncidentRecord r : List.copyOf(open)) {
                        if (r != existing && refines(match, r)) {
                            changes.add(resolve(app, r, now, existing.incidentId));
                            resolved.put(r.key, r.detectedAt);
                            open.remove(r);
                            store.delete(prefix + r.key);
                            store.put(prefix + RESOLVED + r.key, r);
                        }
                    }
                    supersedeResolved(app, match, existing.incidentId, now, resolved, store, changes);
                }
            }
        }
        for (IncidentRecord r : List.copyOf(open)) {
            if (!matched.contains(r.key) && now - r.lastActiveAt >= quietPeriod.toMillis()) {
                changes.add(resolve(app, r, now, null));
                resolved.put(r.key, r.detectedAt);
                open.remove(r);
                store.delete(prefix + r.key);
                store.put(prefix + RESOLVED + r.key, r);
            }
        }
        openKeys.clear();
        open.forEach(r -> openKeys.add(r.key));
        return changes;
    }

    /**
     * Supersedes the resolved incidents {@code m} refines whose symptoms it began during: they resolved
     * while the symptoms they need paused (a restarting entrypoint reports no latency; a service slow
     * under a load before it crashed too), yet they were one episode with it.
     */
    private void supersedeResolved(ApplicationKey app, Match m, String incidentId, long now, Map<String, Long> resolved,
                                   IncidentStore store, List<IncidentChange> changes) {
        String prefix = app + "|";
        for (String k : List.copyOf(resolved.keySet())) {
            String root = k.substring(k.indexOf('|') + 1);
            if (!m.suspects(root)) {
                continue;
            }
            IncidentRecord r = store.get(prefix + RESOLVED + k);
            if (r != null && r.latest.supersededBy() == null && !r.incidentId.equals(incidentId) && refines(m, r)
                    && m.firstSeen() <= r.latest.lastSeen().toEpochMilli()) {
                changes.add(resolve(app, r, now, incidentId));
                store.put(prefix + RESOLVED + k, r);
            }
        }
    }

    /**
     * Whether a new incident of {@code m} is a refinement of the open incident {@code r}, which it then
     * supersedes: a more specific signature that suspects r's root cause (the hybrid's entrypoint restarts
     * explain the latency incident that opened first), or the same signature suspecting r's root cause
     * among its own (the entrypoint joins the services crashing under one load). Services a match only
     * lists as affected (the callers that see its errors) do not count: an incident of another cause on
     * them is not explained by it.
     */
    static boolean refines(Match m, IncidentRecord r) {
        if (!m.suspects(r.rootCause)) {
            return false;
        }
        return r.precedence > m.precedence() || (r.signature.equals(m.signature())
                && !java.util.Objects.equals(r.rootCause, m.rootCauseService()));
    }

    private IncidentRecord open(ApplicationKey app, Match m, long now, String key) {
        IncidentRecord r = new IncidentRecord();
        r.key = key;
        r.signature = m.signature();
        r.precedence = m.precedence();
        r.rootCause = m.rootCauseService();
        r.detectedAt = Math.min(m.detectedAt(), now);
        r.openedAt = r.detectedAt;
        r.incidentId = incidentId(app, m.signature(), r.rootCause, r.detectedAt);
        r.lastActiveAt = now;
        return r;
    }

    private IncidentChange emit(ApplicationKey app, IncidentRecord r, Match m, IncidentStatus status, long now,
                                String timelineSummary, String supersededBy) {
        r.revision++;
        r.affected = new ArrayList<>(m.affected());
        r.keyFingerprint = keyFingerprint(m);
        r.materialFingerprint = materialFingerprint(m);
        r.lastEmittedAt = now;
        r.firstSeen = r.firstSeen == 0 ? Math.min(m.firstSeen(), r.detectedAt) : Math.min(r.firstSeen, m.firstSeen());
        long firstSeen = r.firstSeen;
        long lastSeen = Math.max(Math.max(m.lastSeen(), firstSeen), r.latest == null ? 0 : r.latest.lastSeen().toEpochMilli());
        Finding f = new Finding(EventIds.finding(r.incidentId, r.revision), r.incidentId, r.revision, app.toString(),
                new SignatureRef(m.signature(), m.version()), status, m.severity(),
                new Confidence(m.confidence(), m.reasons()), m.title(), m.summary(), m.rootCause(), m.affected(),
                m.evidence(), m.impact(), m.remediation(), Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen), Instant.ofEpochMilli(r.detectedAt),
                new Evaluation(true, m.localization(), m.faultType()), supersededBy);
        r.latest = f;
        long updatedAt = Math.max(now, r.detectedAt);
        r.addTimeline(new TimelineEntry(Instant.ofEpochMilli(updatedAt), r.revision, status, timelineSummary));
        return new IncidentChange(f, state(app, r, status, updatedAt, null));
    }

    private IncidentChange resolve(ApplicationKey app, IncidentRecord r, long now, String supersededBy) {
        r.revision++;
        Finding l = r.latest;
        String summary = supersededBy != null
                ? "Superseded by " + supersededBy + ", which explains the same signals better: " + l.summary()
                : "Resolved: signals normal for " + quietPeriod.toMinutes() + " min. " + l.summary();
        Finding f = new Finding(EventIds.finding(r.incidentId, r.revision), r.incidentId, r.revision, l.application(),
                l.signature(), IncidentStatus.RESOLVED, l.severity(), l.confidence(), l.title(), summary, l.rootCause(),
                l.affectedServices(), l.evidence(), l.impact(), l.remediation(), l.firstSeen(), l.lastSeen(),
                l.detectedAt(), l.evaluation(), supersededBy);
        r.latest = f;
        long resolvedAt = Math.max(now, r.detectedAt);
        r.addTimeline(new TimelineEntry(Instant.ofEpochMilli(resolvedAt), r.revision, IncidentStatus.RESOLVED,
                supersededBy != null ? "superseded by " + supersededBy : "resolved after a quiet period"));
        return new IncidentChange(f, state(app, r, IncidentStatus.RESOLVED, resolvedAt, resolvedAt));
    }

    private static IncidentState state(ApplicationKey app, IncidentRecord r, IncidentStatus status, long updatedAt,
                                       Long resolvedAt) {
        return new IncidentState(r.incidentId, app.toString(), r.signature, r.rootCause, status, r.revision,
                Instant.ofEpochMilli(r.openedAt), Instant.ofEpochMilli(updatedAt),
                resolvedAt == null ? null : Instant.ofEpochMilli(resolvedAt), r.latest, List.copyOf(r.timeline));
    }

    /**
     * A recovering match (the cause went away) only completes the numbers: the diagnosis, the reasons
     * and the evidence stay those of the incident while it was active.
     */
    private static Match completing(Finding f, Match m) {
        return new Match(m.signature(), m.version(), m.precedence(), m.faultType(), f.rootCause(), f.severity(),
                f.confidence().score(), f.confidence().reasons(), f.title(), f.summary(), f.affectedServices(),
                f.evaluation().localization(), f.evidence(), Impacts.ratchet(f.impact(), m.impact()), f.remediation(),
                m.firstSeen(), m.detectedAt(), Math.max(m.lastSeen(), f.lastSeen().toEpochMilli()), false, false);
    }

    private static Match withImpact(Match m, Impact impact) {
        return new Match(m.signature(), m.version(), m.precedence(), m.faultType(), m.rootCause(), m.severity(),
                m.confidence(), m.reasons(), m.title(), m.summary(), m.affected(), m.localization(), m.evidence(), impact,
                m.remediation(), m.firstSeen(), m.detectedAt(), m.lastSeen(), m.active(), m.holding());
    }

    private static String keyFingerprint(Match m) {
        Impact i = m.impact();
        return m.rootCauseService() + "|" + m.affected() + "|" + m.severity() + "|" + i.restarts() + "|" + i.oomKills()
                + "|" + (i.failedOrders() == null ? null : i.failedOrders().count()) + "|" + i.messagesPublished();
    }

    private static String materialFingerprint(Match m) {
        return keyFingerprint(m) + "|" + m.impact() + "|" + m.reasons() + "|" + m.evidence().size();
    }

    private static String describe(Finding before, Match m) {
        List<String> parts = new ArrayList<>();
        Impact a = before.impact();
        Impact b = m.impact();
        diff(parts, "failed transactions", a.failedOrders() == null ? null : a.failedOrders().count(),
                b.failedOrders() == null ? null : b.failedOrders().count());
        diff(parts, "restarts", a.restarts(), b.restarts());
        diff(parts, "OOM kills", a.oomKills(), b.oomKills());
        diff(parts, "messages published", a.messagesPublished(), b.messagesPublished());
        diff(parts, "errors", a.errorCount(), b.errorCount());
        if (!before.affectedServices().equals(m.affected())) {
            parts.add("affected " + m.affected());
        }
        return parts.isEmpty() ? "evidence updated" : String.join(", ", parts);
    }

    private static void diff(List<String> parts, String what, Object before, Object after) {
        if (!Objects.equals(before, after) && after != null) {
            parts.add(what + " " + (before == null ? 0 : before) + " -> " + after);
        }
    }
}
