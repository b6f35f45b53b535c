package io.sockshop.correlator.model.finding;

/** Which raw stream a piece of evidence comes from. */
public enum SourceType {
    K8S,
    LOG,
    METRIC
}
