package io.sockshop.correlator.api.state;

import io.sockshop.correlator.model.finding.ScoreRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest score of each injection run, from the compacted scores topic; bounded, the run that
 * started longest ago is forgotten first.
 */
public final class ScoreStore {

    private final Map<String, ScoreRecord> byRun = new ConcurrentHashMap<>();
    private final int maxRuns;

    public ScoreStore(int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, was " + maxRuns);
        }
        this.maxRuns = maxRuns;
    }

    public synchronized void apply(String key, ScoreRecord score) {
        if (score == null) {
            if (key != null) {
                byRun.remove(key);
            }
            return;
        }
        byRun.put(score.runId(), score);
        if (byRun.size() > maxRuns) {
            byRun.values().stream().min(Comparator.comparing(ScoreRecord::injectionStartedAt))
                    .ifPresent(s -> byRun.remove(s.runId()));
        }
    }

    public List<ScoreRecord> all() {
        return List.copyOf(byRun.values());
    }

    public int size() {
        return byRun.size();
    }
}
