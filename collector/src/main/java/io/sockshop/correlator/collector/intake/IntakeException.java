package io.sockshop.correlator.collector.intake;

/** A request the intake refuses: the HTTP status and a reason for the problem body. */
public final class IntakeException extends Exception {

    private final int status;

    public IntakeException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
