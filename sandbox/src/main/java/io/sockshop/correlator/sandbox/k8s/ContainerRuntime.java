package io.sockshop.correlator.sandbox.k8s;

import java.time.Duration;
import java.time.Instant;

/**
 * What the kubelet knows about one container: running, crashed and backing off, or being created.
 * Crash-loop back-off doubles from 10 s up to 5 minutes and resets after 10 minutes of running,
 * as the kubelet does.
 */
public final class ContainerRuntime {

    public enum Phase { CREATING, RUNNING, BACK_OFF }

    public record Termination(String reason, int exitCode, Instant startedAt, Instant finishedAt) {
    }

    static final Duration INITIAL_BACK_OFF = Duration.ofSeconds(10);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    static final Duration BACK_OFF_RESET = Duration.ofMinutes(10);

    private final String name;
    private final String image;
    private Phase phase;
    private Instant phaseSince;
    private Instant startedAt;
    private Instant readyAt;
    private int restartCount;
    private Termination lastTermination;
    private Duration backOff = Duration.ZERO;
    private Instant backOffUntil;

    ContainerRuntime(String name, String image, Phase phase, Instant since) {
        this.name = name;
        this.image = image;
        this.phase = phase;
        this.phaseSince = since;
        if (phase == Phase.RUNNING) {
            this.startedAt = since;
            this.readyAt = since;
        }
    }

    /** Starts (or restarts) the container; it becomes ready after the readiness delay. */
    void start(Instant now, Duration readinessDelay) {
        phase = Phase.RUNNING;
        phaseSince = now;
        startedAt = now;
        readyAt = now.plus(readinessDelay);
    }

    /**
     * The container died. The first death in a while restarts at once; a repeat within the back-off
     * reset window waits, doubling the wait each time (CrashLoopBackOff).
     *
     * @return true when the container now backs off
     */
    boolean die(Instant now, String reason, int exitCode) {
        lastTermination = new Termination(reason, exitCode, startedAt, now);
        restartCount++;
        boolean recentlyStarted = startedAt != null && Duration.between(startedAt, now).compareTo(BACK_OFF_RESET) < 0;
        if (!recentlyStarted || restartCount == 1) {
            backOff = Duration.ZERO;
        } else {
            backOff = backOff.isZero() ? INITIAL_BACK_OFF : min(backOff.multipliedBy(2), MAX_BACK_OFF);
        }
        if (backOff.isZero()) {
            startedAt = now;
            readyAt = now;
            phase = Phase.RUNNING;
            phaseSince = now;
            return false;
        }
        phase = Phase.BACK_OFF;
        phaseSince = now;
        backOffUntil = now.plus(backOff);
        return true;
    }

    boolean backOffOver(Instant now) {
        return phase == Phase.BACK_OFF && !now.isBefore(backOffUntil);
    }

    public boolean ready(Instant now) {
        return phase == Phase.RUNNING && readyAt != null && !now.isBefore(readyAt);
    }

    public boolean running() {
        return phase == Phase.RUNNING;
    }

    public String name() {
        return name;
    }

    public String image() {
        return image;
    }

    public Phase phase() {
        return phase;
    }

    public Instant phaseSince() {
        return phaseSince;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int restartCount() {
        return restartCount;
    }

    public Termination lastTermination() {
        return lastTermination;
    }

    public Duration backOff() {
        return backOff;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
