package io.sockshop.correlator.api.state;

import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest state of each incident, from the compacted incidents topic. Bounded: past
 * {@code maxIncidents}, the resolved incident updated longest ago is forgotten first (an open
 * incident only when nothing else is left), so memory stays flat on a long-lived cluster.
 */
public final class IncidentStore {

    private final Map<String, IncidentState> byId = new ConcurrentHashMap<>();
    private final int maxIncidents;

    public IncidentStore(int maxIncidents) {
        if (maxIncidents < 1) {
            throw new IllegalArgumentException("maxIncidents must be at least 1, was " + maxIncidents);
        }
        this.maxIncidents = maxIncidents;
    }

    /** Applies one record of the topic; a null state is a tombstone for the key. */
    public synchronized void apply(String key, IncidentState state) {
        if (state == null) {
            if (key != null) {
                byId.remove(key);
            }
            return;
        }
        IncidentState known = byId.get(state.incidentId());
        if (known != null && known.revision() > state.revision()) {
            return;
        }
        byId.put(state.incidentId(), state);
        if (byId.size() > maxIncidents) {
            evictOne();
        }
    }

    private void evictOne() {
        Comparator<IncidentState> resolvedFirstThenOldest = Comparator
                .comparing((IncidentState s) -> s.status() != IncidentStatus.RESOLVED)
                .thenComparing(IncidentState::updatedAt);
        byId.values().stream().min(resolvedFirstThenOldest).ifPresent(s -> byId.remove(s.incidentId()));
    }

    public Optional<IncidentState> get(String incidentId) {
        return Optional.ofNullable(byId.get(incidentId));
    }

    public List<IncidentState> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }
}
