package io.sockshop.correlator.sandbox.k8s;

/**
 * The three wordings of the deployment controller's ScalingReplicaSet message across Kubernetes
 * versions; the sandbox speaks one of them, so consumers are tested against each.
 */
public enum ScalingWording {
    /** Up to about v1.25: {@code Scaled down replica set X to 0}. */
    LEGACY,
    /** From kubernetes PR #101142 (seen on v1.31): {@code Scaled down replica set X to 1 from 2}. */
    TO_FROM,
    /** From kubernetes PR #125118: {@code Scaled down replica set X from 1 to 0}. */
    FROM_TO;

    public String message(String replicaSet, int from, int to) {
        String direction = to > from ? "up" : "down";
        return switch (this) {
            case LEGACY -> "Scaled " + direction + " replica set " + replicaSet + " to " + to;
            case TO_FROM -> from == 0
                    ? "Scaled " + direction + " replica set " + replicaSet + " to " + to
                    : "Scaled " + direction + " replica set " + replicaSet + " to " + to + " from " + from;
            case FROM_TO -> "Scaled " + direction + " replica set " + replicaSet + " from " + from + " to " + to;
        };
    }
}
