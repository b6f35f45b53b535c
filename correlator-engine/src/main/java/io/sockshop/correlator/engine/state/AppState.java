package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-application bookkeeping: the event-time watermark (the newest event time seen, per source
 * and overall), queue counters, the keys of open incidents, and when each service's health was
 * last published. Bounded by the number of services, queues and signatures.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class AppState {
    public long watermark;
    public long lastEvaluatedAt;
    public long lastTickAt;
    public Map<String, QueueState> queues = new HashMap<>();
    public List<String> openIncidents = new ArrayList<>();
    /** Per incident key, when the last resolved incident of that key was detected: its id is never reused. */
    public Map<String, Long> resolvedDetectedAt = new HashMap<>();
    public Map<String, HealthMark> health = new HashMap<>();

    /** What was last published for a service's health: its status word and when. */
    public record HealthMark(String status, long time, int fingerprint, int incidents) {
    }
}
