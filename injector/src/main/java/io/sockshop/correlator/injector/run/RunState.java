package io.sockshop.correlator.injector.run;

/** Where a run is. The last three are final. */
public enum RunState {
    /** Accepted, not yet started. */
    PLANNED,
    /** Applying steps or waiting between them. */
    RUNNING,
    /** Putting back what it changed. */
    RESTORING,
    COMPLETED,
    FAILED,
    ABORTED;

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == ABORTED;
    }
}
