package io.sockshop.correlator.engine.incident;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.TimelineEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * An open incident as the tracker keeps it (one store entry per open incident): identity, lifecycle
 * times, the latest finding and a bounded timeline. Resolved incidents leave the store; the compacted
 * incidents topic keeps their final state.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class IncidentRecord {

    static final int MAX_TIMELINE = 50;

    public String key;
    public String incidentId;
    public String signature;
    public int precedence;
    public String rootCause;
    public List<String> affected = new ArrayList<>();
    public int revision;
    public long openedAt;
    public long detectedAt;
    /** Earliest evidence over the incident's life: late records can only move it earlier. */
    public long firstSeen;
    public long lastActiveAt;
    public long lastEmittedAt;
    public String materialFingerprint;
    public String keyFingerprint;
    public Finding latest;
    public List<TimelineEntry> timeline = new ArrayList<>();

    public boolean covers(String service) {
        return service != null && (service.equals(rootCause) || affected.contains(service));
    }

    void addTimeline(TimelineEntry entry) {
        timeline.add(entry);
        if (timeline.size() > MAX_TIMELINE) {
            timeline.remove(1); // keep the OPEN entry and the most recent ones
        }
    }
}
