package io.sockshop.correlator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic CloudEvents ids: the same source identity always gives the same id, so a re-read,
 * a relist or a restart of a producer publishes the same id and consumers deduplicate on it.
 */
public final class EventIds {

    private EventIds() {
    }

    /**
     * A Kubernetes object at one resourceVersion. ADDED and MODIFIED of the same version are the same
     * observation (an informer relist reports a known object as ADDED), so the action is not part of
     * the id; a delete is a distinct observation of the same version.
     */
    public static String k8s(String uid, String resourceVersion, boolean delete) {
        Require.nonBlank(uid, "uid");
        Require.nonBlank(resourceVersion, "resourceVersion");
        return "k8s/" + uid + "/" + resourceVersion + (delete ? "/deleted" : "");
    }

    /** A Datadog log event, by Datadog's log id. */
    public static String datadogLog(String logId) {
        return "dd-log/" + Require.nonBlank(logId, "logId");
    }

    /**
     * A metric point: the series (metric and scope, hashed because scopes are long) and the point's
     * timestamp in epoch milliseconds.
     */
    public static String metricPoint(String metric, String scope, Instant timestamp) {
        Require.nonBlank(metric, "metric");
        Require.nonNull(timestamp, "timestamp");
        String series = metric + "{" + (scope == null ? "*" : scope) + "}";
        return "dd-metric/" + sha256Prefix(series) + "/" + timestamp.toEpochMilli();
    }

    /** An injection lifecycle event: the run and the event's sequence number within it. */
    public static String injection(String runId, int sequence) {
        return "injection/" + Require.nonBlank(runId, "runId") + "/" + sequence;
    }

    /** A finding: one revision of an incident. */
    public static String finding(String incidentId, int revision) {
        return "finding/" + Require.nonBlank(incidentId, "incidentId") + "/" + revision;
    }

    /** The state of an incident at one revision. */
    public static String incident(String incidentId, int revision) {
        return "incident/" + Require.nonBlank(incidentId, "incidentId") + "/" + revision;
    }

    /** A score of a run at one revision. */
    public static String score(String runId, int revision) {
        return "score/" + Require.nonBlank(runId, "runId") + "/" + revision;
    }

    /** The picture of a service at one event time. */
    public static String serviceHealth(String key, Instant updatedAt) {
        return "health/" + Require.nonBlank(key, "key") + "/" + updatedAt.toEpochMilli();
    }

    /** The first 16 hex digits of the SHA-256 of the text: short, stable, collision-safe enough for ids. */
    public static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
