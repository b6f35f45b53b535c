package io.sockshop.correlator.sandbox.datadog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Datadog's fixed-window rate limits per endpoint, with the {@code X-RateLimit-*} headers it sends
 * on every response, so a client's pacing and its 429 handling meet the real protocol.
 */
public final class RateLimiter {

    /** What one request is told: whether it may proceed and the header values. */
    public record Decision(boolean allowed, int limit, long periodSeconds, int remaining, long resetSeconds, String name) {
    }

    private record Window(Instant start, int used) {
    }

    private final int limit;
    private final Duration period;
    private final Map<String, Window> windows = new HashMap<>();

    public RateLimiter(int limit, Duration period) {
        this.limit = limit;
        this.period = period;
    }

    public synchronized Decision acquire(String name, Instant now) {
        Window window = windows.get(name);
        if (window == null || !now.isBefore(window.start().plus(period))) {
            window = new Window(now, 0);
        }
        boolean allowed = window.used() < limit;
        if (allowed) {
            window = new Window(window.start(), window.used() + 1);
        }
        windows.put(name, window);
        long reset = Math.max(1, Duration.between(now, window.start().plus(period)).toSeconds());
        return new Decision(allowed, limit, period.toSeconds(), Math.max(0, limit - window.used()), reset, name);
    }
}
