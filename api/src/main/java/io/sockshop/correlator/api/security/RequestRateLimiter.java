package io.sockshop.correlator.api.security;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code perSecond}, kept as the
 * generic cell rate algorithm does (one instant per client, whole nanoseconds, so no rounding drifts):
 * each request moves the client's "theoretical arrival time" on by one interval; a request is refused
 * while that time is more than {@code burst - 1} intervals ahead of now. Memory is bounded: a client
 * whose bucket is full again is forgotten (a new one would be the same), and at most {@code maxClients}
 * are kept, the one seen longest ago going first when more come at once (it then starts again with a
 * full bucket: leniency toward that client, never a refusal of a new one). Thread-safe: requests arrive
 * on every event loop; the lock is held for a few arithmetic steps.
 */
public final class RequestRateLimiter {

    /** Allowed, or refused with the whole seconds after which one more request would be allowed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private static final long SECOND = 1_000_000_000L;
    private static final long LIMIT = Long.MAX_VALUE / 8;

    /** Nanoseconds per request at the sustained rate. */
    private final long interval;
    /** How far ahead of now a client's arrival time may be: the burst beyond the first request. */
    private final long tolerance;
    private final int maxClients;
    private final LongSupplier nanoTime;
    /** Each client's theoretical arrival time; access order, so the eldest entry is the client seen longest ago. */
    private final LinkedHashMap<String, long[]> clients = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; a counter in tests)
     */
    public RequestRateLimiter(double perSecond, int burst, int maxClients, LongSupplier nanoTime) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate " + perSecond + "/s, burst " + burst + ", clients " + maxClients);
        }
        // Clamped far beyond any sensible setting (a request a century), so that instants never overflow.
        this.interval = (long) Math.min(LIMIT, Math.max(1, Math.round(SECOND / perSecond)));
        this.tolerance = (long) Math.min(LIMIT, (double) interval * (burst - 1L));
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the client's bucket if it holds one. */
    public synchronized Decision acquire(String client) {
        long now = nanoTime.getAsLong();
        forgetFull(now);
        long[] arrival = clients.get(client);
        if (arrival == null) {
            if (clients.size() >= maxClients) {
                Iterator<long[]> eldest = clients.values().iterator();
                eldest.next();
                eldest.remove();
            }
            arrival = new long[] {now};
            clients.put(client, arrival);
        }
        long tat = Math.max(arrival[0], now);
        long ahead = tat - now;
        if (ahead > tolerance) {
            long wait = ahead - tolerance;
            return new Decision(false, Math.max(1, (wait + SECOND - 1) / SECOND));
        }
        arrival[0] = tat + interval;
        return Decision.ALLOWED;
    }

    /** Clients remembered now (for tests and the metrics). */
    public synchronized int clients() {
        return clients.size();
    }

    /** From the client seen longest ago on, those whose bucket is full again (arrival time not ahead of now). */
    private void forgetFull(long now) {
        Iterator<Map.Entry<String, long[]>> it = clients.entrySet().iterator();
        while (it.hasNext() && it.next().getValue()[0] - now <= 0) {
            it.remove();
        }
    }
}
