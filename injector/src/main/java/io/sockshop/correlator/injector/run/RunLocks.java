package io.sockshop.correlator.injector.run;

import io.sockshop.correlator.injector.InjectorException;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one active run per target Deployment: two runs on one Deployment would restore each other's
 * changes and blur the ground truth. A run keeps its locks until its restore succeeded.
 */
final class RunLocks {

    private final Map<String, String> holders = new HashMap<>();

    /** Takes every key or none. */
    synchronized void acquire(String runId, Collection<String> keys) {
        for (String key : keys) {
            String holder = holders.get(key);
            if (holder != null && !holder.equals(runId)) {
                throw new InjectorException(InjectorException.Kind.RUN_CONFLICT,
                        "Deployment " + key + " is the target of active run " + holder
                                + "; stop it or wait until it ends (one active run per target Deployment)");
            }
        }
        keys.forEach(key -> holders.put(key, runId));
    }

    synchronized void release(String runId) {
        holders.values().removeIf(runId::equals);
    }

    synchronized Map<String, String> held() {
        return Map.copyOf(holders);
    }
}
