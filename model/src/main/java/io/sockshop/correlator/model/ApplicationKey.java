package io.sockshop.correlator.model;

/**
 * The key of every raw topic and of findings: {@code <cluster>/<namespace>}, one application.
 * Keying by application puts every signal of one application into one partition, so one correlator
 * task sees the whole application in order; more applications spread over more partitions.
 */
public record ApplicationKey(String cluster, String namespace) {

    public ApplicationKey {
        Require.nonBlank(cluster, "cluster");
        Require.nonBlank(namespace, "namespace");
        if (cluster.contains("/")) {
            throw new IllegalArgumentException("cluster must not contain '/', was '" + cluster + "'");
        }
        if (namespace.contains("/")) {
            throw new IllegalArgumentException("namespace must not contain '/', was '" + namespace + "'");
        }
    }

    public static ApplicationKey of(String cluster, String namespace) {
        return new ApplicationKey(cluster, namespace);
    }

    /** Parses {@code cluster/namespace}; a clear error for anything else. */
    public static ApplicationKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("application key is required");
        }
        int slash = key.indexOf('/');
        if (slash <= 0 || slash != key.lastIndexOf('/') || slash == key.length() - 1) {
            throw new IllegalArgumentException("application key must be <cluster>/<namespace>, was '" + key + "'");
        }
        return new ApplicationKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return cluster + "/" + namespace;
    }
}
