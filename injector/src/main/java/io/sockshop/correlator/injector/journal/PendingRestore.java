package io.sockshop.correlator.injector.journal;

import io.sockshop.correlator.injector.cluster.SavedState;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.injection.TargetRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run has to put back, and where its event sequence stands: the value of the pending-restores
 * topic, keyed by run id. Written before each change (write-ahead), removed (tombstone) in the same
 * transaction as the run's last event. Whatever is left at start-up belongs to a run the injector did
 * not finish, and is restored then.
 *
 * @param nextSequence      the first sequence number no published event of the run has used
 * @param terminalPublished the run's final event (FAILED) is out already, only the restore is owed
 * @param saved             the saved state, in the order it was saved (restored in reverse)
 */
public record PendingRestore(String runId, String scenarioId, String cluster, String namespace,
                             GroundTruth expected, Map<String, String> parameters, List<TargetRef> targets,
                             List<String> lockKeys, int nextSequence, boolean terminalPublished,
                             List<SavedState> saved, Instant plannedAt) {

    public PendingRestore {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        targets = targets == null ? List.of() : List.copyOf(targets);
        lockKeys = lockKeys == null ? List.of() : List.copyOf(lockKeys);
        saved = saved == null ? List.of() : List.copyOf(saved);
    }

    public PendingRestore withNextSequence(int next) {
        return new PendingRestore(runId, scenarioId, cluster, namespace, expected, parameters, targets, lockKeys,
                next, terminalPublished, saved, plannedAt);
    }

    public PendingRestore withTerminalPublished() {
        return new PendingRestore(runId, scenarioId, cluster, namespace, expected, parameters, targets, lockKeys,
                nextSequence, true, saved, plannedAt);
    }

    /** Adds the pieces not saved yet: the first saved value of a piece is the one from before the run. */
    public PendingRestore withSaved(List<SavedState> more) {
        List<SavedState> all = new ArrayList<>(saved);
        Set<String> keys = new HashSet<>();
        saved.forEach(s -> keys.add(s.key()));
        more.stream().filter(s -> keys.add(s.key())).forEach(all::add);
        return new PendingRestore(runId, scenarioId, cluster, namespace, expected, parameters, targets, lockKeys,
                nextSequence, terminalPublished, all, plannedAt);
    }
}
