package io.sockshop.correlator.injector.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sockshop.correlator.model.injection.TargetRef;

import java.util.List;

/**
 * One piece of the state a run changes, as it was before the run changed it: what a restore puts
 * back. Persisted in the pending-restores topic before the change is made, so a restart after a
 * crash can restore it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SavedReplicas.class, name = "replicas"),
        @JsonSubTypes.Type(value = SavedResources.class, name = "resources"),
        @JsonSubTypes.Type(value = CreatedObject.class, name = "created")})
public sealed interface SavedState permits SavedReplicas, SavedResources, CreatedObject {

    /** Identifies the piece of state: a run saves each piece once, before its first change. */
    String key();

    TargetRef target();

    /** Puts the saved state back. Idempotent: restoring twice gives the same cluster. */
    void restore(ClusterOps cluster);

    /** The restore as equivalent kubectl commands. */
    List<String> kubectl();
}
