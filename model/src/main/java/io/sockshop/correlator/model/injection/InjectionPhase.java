package io.sockshop.correlator.model.injection;

/** The lifecycle of an injection run, in the order a run goes through it. */
public enum InjectionPhase {
    PLANNED,
    STARTED,
    STEP_APPLIED,
    RESTORE_STARTED,
    RESTORED,
    COMPLETED,
    FAILED,
    ABORTED
}
