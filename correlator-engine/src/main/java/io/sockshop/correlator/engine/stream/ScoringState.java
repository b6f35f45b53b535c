package io.sockshop.correlator.engine.stream;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.sockshop.correlator.model.finding.GroundTruth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per application: its injection runs (bounded) and its recent incidents (bounded), in event time. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ScoringState {

    static final int MAX_RUNS = 50;
    static final int MAX_INCIDENTS = 200;

    public Map<String, Run> runs = new LinkedHashMap<>();
    public List<Seen> incidents = new ArrayList<>();
    public long watermark;

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public static final class Run {
        public String runId;
        public String scenarioId;
        public GroundTruth expected;
        public long startedAt;
        public long endedAt;
        public boolean finalized;
        public int revision;
        public String lastFingerprint;
    }

    /** An incident as scoring needs it; {@code supersededBy} set when another incident took it over. */
    public record Seen(String incidentId, String signature, String rootCause, long openedAt, String supersededBy) {
    }

    void remember(Seen seen) {
        incidents.removeIf(s -> s.incidentId().equals(seen.incidentId()));
        incidents.add(seen);
        incidents.sort(java.util.Comparator.comparingLong(Seen::openedAt).thenComparing(Seen::incidentId));
        while (incidents.size() > MAX_INCIDENTS) {
            incidents.remove(0);
        }
    }

    void trimRuns() {
        while (runs.size() > MAX_RUNS) {
            String oldest = runs.values().stream().filter(r -> r.finalized).map(r -> r.runId).findFirst()
                    .orElse(runs.keySet().iterator().next());
            runs.remove(oldest);
        }
    }
}
