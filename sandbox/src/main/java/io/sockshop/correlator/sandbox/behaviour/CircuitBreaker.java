package io.sockshop.correlator.sandbox.behaviour;

import java.time.Duration;
import java.time.Instant;

/**
 * sony/gobreaker as vendored by catalogue: trips when consecutive failures exceed 5, stays open for
 * 30 s (calls fail fast with "circuit breaker 'List' is open"), then lets one call through
 * (half-open): a success closes it, a failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    static final int MAX_CONSECUTIVE_FAILURES = 5;
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;

    public CircuitBreaker(String name) {
        this.name = name;
    }

    /** Whether a call may go through now; an open breaker turns half-open after its timeout. */
    public boolean allow(Instant now) {
        if (state == State.OPEN && !now.isBefore(openedAt.plus(OPEN_TIMEOUT))) {
            state = State.HALF_OPEN;
        }
        return state != State.OPEN;
    }

    public void success() {
        consecutiveFailures = 0;
        state = State.CLOSED;
    }

    public void failure(Instant now) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures > MAX_CONSECUTIVE_FAILURES) {
            state = State.OPEN;
            openedAt = now;
            consecutiveFailures = 0;
        }
    }

    public State state() {
        return state;
    }

    public String name() {
        return name;
    }

    /** The error gobreaker returned at catalogue's vendored revision. */
    public String openError() {
        return "circuit breaker '" + name + "' is open";
    }
}
