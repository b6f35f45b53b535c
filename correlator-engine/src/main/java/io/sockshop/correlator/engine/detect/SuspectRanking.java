package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.AppTopology;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders deviating services as root-cause suspects, best first. A service is <em>explained</em> by each
 * deviating service it calls (directly or further down, call and datastore edges) that began no later than
 * it did (within one slot): callers feel a slow or busy dependency, not the other way round. Services
 * explained by fewer deviating dependencies come first (the deepest cause of a chain leads, its callers
 * follow in chain order); among equals, the one that left its baseline furthest ({@link Deviation#size()}),
 * then the earliest, then by name so the order is stable.
 */
final class SuspectRanking {

    private SuspectRanking() {
    }

    /** A suspect: its largest deviation and how many deviating dependencies explain it. */
    record Suspect(Deviation deviation, int explainedBy) {
        String service() {
            return deviation.service();
        }

        boolean explained() {
            return explainedBy > 0;
        }
    }

    static List<Suspect> rank(List<Deviation> deviations, AppTopology topology, long toleranceMs) {
        return deviations.stream()
                .map(d -> new Suspect(d, explained(d, deviations, topology, toleranceMs)))
                .sorted(Comparator.comparingInt(Suspect::explainedBy)
                        .thenComparing(s -> -s.deviation().size())
                        .thenComparingLong(s -> s.deviation().start())
                        .thenComparing(Suspect::service))
                .toList();
    }

    private static int explained(Deviation d, List<Deviation> all, AppTopology topology, long toleranceMs) {
        Set<String> below = downstream(d.service(), topology);
        int n = 0;
        for (Deviation other : all) {
            if (other != d && below.contains(other.service()) && other.start() <= d.start() + toleranceMs) {
                n++;
            }
        }
        return n;
    }

    /** Everything {@code service} reaches through its synchronous calls, transitively. */
    static Set<String> downstream(String service, AppTopology topology) {
        Set<String> seen = new HashSet<>();
        Deque<String> frontier = new ArrayDeque<>(topology.callees(service));
        while (!frontier.isEmpty()) {
            String next = frontier.poll();
            if (!next.equals(service) && seen.add(next)) {
                frontier.addAll(topology.callees(next));
            }
        }
        return seen;
    }
}
