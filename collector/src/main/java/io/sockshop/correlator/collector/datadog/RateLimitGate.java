package io.sockshop.correlator.collector.datadog;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Datadog's rate limits, read from the {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset}
 * (seconds until the period resets) and {@code -Period} headers of every answer. Before a call, if
 * the remaining budget is down to the reserve, waits for the reset instead of running into 429s.
 */
public final class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);
    /** Without a Reset header a 429 waits this long. */
    static final Duration DEFAULT_429_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Clock clock;
    private final Sleeper sleeper;
    private Integer limit;
    private Integer remaining;
    private Instant resetAt;

    public RateLimitGate(String name, Clock clock, Sleeper sleeper) {
        this.name = name;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until the reset when the remaining budget is within the reserve (10% of the limit, at least 1). */
    public synchronized void beforeCall() throws InterruptedException {
        if (remaining == null || limit == null || resetAt == null) {
            return;
        }
        int reserve = Math.max(1, limit / 10);
        Instant now = clock.instant();
        if (remaining <= reserve && resetAt.isAfter(now)) {
            Duration wait = Duration.between(now, resetAt);
            LOG.infof("Datadog %s rate limit: %d of %d calls left, waiting %ss for the reset", name, remaining, limit,
                    wait.toMillis() / 1000.0);
            sleeper.sleep(wait);
            remaining = null;
        }
    }

    /** Records the headers of an answer. */
    public synchronized void observe(Map<String, List<String>> headers) {
        Integer l = intHeader(headers, "X-RateLimit-Limit").orElse(null);
        Integer r = intHeader(headers, "X-RateLimit-Remaining").orElse(null);
        Integer reset = intHeader(headers, "X-RateLimit-Reset").orElse(null);
        if (l != null) {
            limit = l;
        }
        if (r != null) {
            remaining = r;
        }
        if (reset != null) {
            resetAt = clock.instant().plusSeconds(Math.max(0, reset));
        }
    }

    /** After a 429: how long to wait, from {@code X-RateLimit-Reset} (at least one second). */
    public synchronized Duration waitAfter429(Map<String, List<String>> headers) {
        observe(headers);
        remaining = 0;
        Duration wait = intHeader(headers, "X-RateLimit-Reset").map(s -> Duration.ofSeconds(Math.max(1, s)))
                .or(() -> intHeader(headers, "Retry-After").map(s -> Duration.ofSeconds(Math.max(1, s))))
                .orElse(DEFAULT_429_WAIT);
        resetAt = clock.instant().plus(wait);
        return wait;
    }

    static Optional<Integer> intHeader(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null
                    && !entry.getValue().isEmpty()) {
                try {
                    return Optional.of((int) Math.ceil(Double.parseDouble(entry.getValue().get(0).trim())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
