package io.sockshop.correlator.model.k8s;

/** What the watch reported. */
public enum WatchAction {
    ADDED,
    MODIFIED,
    DELETED,
    /**
     * The object vanished while the watch was down (found missing on a relist after 410 Gone or a
     * restart). Its final state is unknown: the record carries the last state the collector saw.
     */
    RELIST_DELETED
}
