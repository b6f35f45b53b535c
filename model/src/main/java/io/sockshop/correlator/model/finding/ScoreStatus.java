package io.sockshop.correlator.model.finding;

/** PENDING while the injection run and its grace period are under way; FINAL afterwards. */
public enum ScoreStatus {
    PENDING,
    FINAL
}
