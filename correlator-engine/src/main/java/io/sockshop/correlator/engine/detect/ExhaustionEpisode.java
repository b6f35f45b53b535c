package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.RestartRecord;
import io.sockshop.correlator.engine.state.ServiceState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's current restart episode and the services that crashed at their limits in it.
 * One load that exceeds capacity kills several services within seconds of each other: their restarts,
 * chained through gaps shorter than the restart window, are one episode, whichever service restarted
 * first or last. Shared by resource-exhaustion-crash (one incident for all of them) and by
 * dependency-down-inconsistency (a callee crashing at its limit is not a dependency that went away).
 */
final class ExhaustionEpisode {

    /** A service that restarted in the episode: its restarts there, how many were OOM kills, whether memory hit the limit. */
    record Crashed(String service, ServiceState state, List<RestartRecord> restarts, int oom, boolean memoryAtLimit) {

        /** Restarted at its memory limit: OOM-killed, or memory at the limit before it died. */
        boolean atLimit() {
            return oom > 0 || memoryAtLimit;
        }
    }

    private final long start;
    private final Map<String, Crashed> crashed;

    private ExhaustionEpisode(long start, Map<String, Crashed> crashed) {
        this.start = start;
        this.crashed = crashed;
    }

    static ExhaustionEpisode of(DetectionContext ctx) {
        long window = ctx.settings().restartWindow().toMillis();
        List<Long> times = new ArrayList<>();
        for (var def : ctx.topology().services()) {
            for (RestartRecord r : ctx.state(def.name()).restarts) {
                if (r.time() <= ctx.now()) {
                    times.add(r.time());
                }
            }
        }
        times.sort(java.util.Comparator.reverseOrder());
        long first = 0;
        long next = ctx.now();
        for (long t : times) {
            if (next - t > window) {
                break;
            }
            first = t;
            next = t;
        }
        long start = first;
        Map<String, Crashed> crashed = new LinkedHashMap<>();
        if (start > 0) {
            for (var def : ctx.topology().services()) {
                ServiceState s = ctx.state(def.name());
                List<RestartRecord> restarts = s.restarts.stream().filter(r -> r.time() >= start && r.time() <= ctx.now()).toList();
                if (!restarts.isEmpty()) {
                    int oom = (int) restarts.stream().filter(RestartRecord::oomKilled).count();
                    boolean memory = s.memHighSince > 0 || s.peakMemRatio >= ctx.settings().limitRatio();
                    crashed.put(def.name(), new Crashed(def.name(), s, restarts, oom, memory));
                }
            }
        }
        return new ExhaustionEpisode(start, crashed);
    }

    /** Start of the episode (its first restart), 0 when nothing restarted recently. */
    long start() {
        return start;
    }

    /** The services that restarted in the episode, in topology order. */
    List<Crashed> crashed() {
        return List.copyOf(crashed.values());
    }

    /** Whether the service restarted at its memory limit in the episode. */
    boolean crashedAtLimit(String service) {
        Crashed c = crashed.get(service);
        return c != null && c.atLimit();
    }
}
