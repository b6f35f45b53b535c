package io.sockshop.correlator.injector.run;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The safety rails and identity of an injector.
 *
 * @param cluster           the cluster name in events and keys ({@code kind-sockshop})
 * @param allowedNamespaces the only namespaces a run may touch
 * @param defaultNamespace  the namespace of a request that names none
 * @param maxDuration       the longest a run may be designed to last, and the most it may actually last
 * @param historySize       ended runs kept for {@code GET /runs}
 */
public record InjectorSettings(String cluster, Set<String> allowedNamespaces, String defaultNamespace,
                               Duration maxDuration, int historySize) {

    public InjectorSettings {
        if (cluster == null || cluster.isBlank() || cluster.contains("/")) {
            throw new IllegalArgumentException("injector.cluster must be a non-blank name without '/', was '" + cluster + "'");
        }
        if (allowedNamespaces == null || allowedNamespaces.isEmpty()) {
            throw new IllegalArgumentException("injector.allowed-namespaces must list at least one namespace");
        }
        allowedNamespaces = Set.copyOf(allowedNamespaces);
        if (!allowedNamespaces.contains(defaultNamespace)) {
            throw new IllegalArgumentException("injector.default-namespace '" + defaultNamespace
                    + "' is not in injector.allowed-namespaces " + List.copyOf(allowedNamespaces));
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("injector.max-duration must be positive, was " + maxDuration);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("injector.history-size must be at least 1, was " + historySize);
        }
    }
}
