package io.sockshop.correlator.engine.incident;

import io.sockshop.correlator.engine.detect.Match;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential diagnosis over time: the tracker evaluated step by step (event time in seconds, quiet
 * period 15 s), each step with the matches that hold then, and what it emits ("STATUS signature/root",
 * "superseded" when a RESOLVED names the incident that explains it better).
 */
class IncidentTrackerRefinementTest {

    static final ApplicationKey APP = ApplicationKey.of("kind-sockshop", "sock-shop");

    /** At {@code at} s, these matches hold (none: the symptoms paused). */
    record Step(double at, List<Match> matches) {
    }

    static Step at(double at, Match... matches) {
        return new Step(at, List.of(matches));
    }

    record Row(String name, List<Step> steps, List<String> emitted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Match latency(String service, double at) {
        return match("latency-degradation", 60, service, List.of(service), at - 5, at);
    }

    static Match exhaustion(List<String> dying, double at) {
        return match("resource-exhaustion-crash", 40, dying.get(0), dying, at - 5, at);
    }

    static Match exhaustion(List<String> dying, double firstSeen, double at) {
        return match("resource-exhaustion-crash", 40, dying.get(0), dying, firstSeen, at);
    }

    static Match entrypointCrash(double firstSeen, double at) {
        return match("entrypoint-crash-backend-latency", 50, "front-end", List.of("front-end", "catalogue"), firstSeen, at);
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("a crash incident that grows to suspect a slow service supersedes that service's latency incident",
                        List.of(at(100, latency("orders", 100)),
                                at(110, exhaustion(List.of("front-end", "carts"), 110), latency("orders", 110)),
                                at(120, exhaustion(List.of("front-end", "carts", "orders"), 120), latency("orders", 120))),
                        List.of("OPEN latency-degradation/orders", "OPEN resource-exhaustion-crash/front-end",
                                "UPDATED resource-exhaustion-crash/front-end", "RESOLVED latency-degradation/orders superseded")),
                new Row("a crash incident that opens suspecting the slow service supersedes it at once",
                        List.of(at(100, latency("orders", 100)),
                                at(110, exhaustion(List.of("front-end", "orders"), 110), latency("orders", 110))),
                        List.of("OPEN latency-degradation/orders", "OPEN resource-exhaustion-crash/front-end",
                                "RESOLVED latency-degradation/orders superseded")),
                new Row("a crash incident that never suspects the slow service leaves its latency incident alone",
                        List.of(at(100, latency("orders", 100)),
                                at(110, exhaustion(List.of("front-end", "carts"), 110), latency("orders", 110)),
                                at(120, exhaustion(List.of("front-end", "carts"), 120), latency("orders", 120))),
                        List.of("OPEN latency-degradation/orders", "OPEN resource-exhaustion-crash/front-end")),
                new Row("a latency incident that resolved while the entrypoint restarted is superseded by the crash incident it began during",
                        List.of(at(100, latency("front-end", 100)), at(110), at(120), at(130, entrypointCrash(98, 130))),
                        List.of("OPEN latency-degradation/front-end", "RESOLVED latency-degradation/front-end",
                                "OPEN entrypoint-crash-backend-latency/front-end", "RESOLVED latency-degradation/front-end superseded")),
                new Row("a service slow under the load, resolved before it crashed too, is superseded when the crash incident grows to it",
                        List.of(at(100, latency("orders", 100)), at(110, exhaustion(List.of("front-end", "carts"), 98, 110)),
                                at(120, exhaustion(List.of("front-end", "carts"), 98, 120)),
                                at(130, exhaustion(List.of("front-end", "carts", "orders"), 98, 130))),
                        List.of("OPEN latency-degradation/orders", "OPEN resource-exhaustion-crash/front-end",
                                "RESOLVED latency-degradation/orders", "UPDATED resource-exhaustion-crash/front-end",
                                "RESOLVED latency-degradation/orders superseded")),
                new Row("a latency incident over before the crash began stays a separate incident",
                        List.of(at(100, latency("front-end", 100)), at(110), at(120), at(130, entrypointCrash(125, 130))),
                        List.of("OPEN latency-degradation/front-end", "RESOLVED latency-degradation/front-end",
                                "OPEN entrypoint-crash-backend-latency/front-end")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void table(Row row) {
        IncidentTracker tracker = new IncidentTracker(Duration.ofSeconds(15), Duration.ofSeconds(60));
        Map<String, IncidentRecord> store = new HashMap<>();
        IncidentStore incidents = new IncidentStore() {
            public IncidentRecord get(String key) {
                return store.get(key);
            }

            public void put(String key, IncidentRecord record) {
                store.put(key, record);
            }

            public void delete(String key) {
                store.remove(key);
            }
        };
        List<String> open = new ArrayList<>();
        Map<String, Long> resolved = new HashMap<>();
        List<String> emitted = new ArrayList<>();
        for (Step step : row.steps()) {
            long now = Math.round(step.at() * 1000);
            for (IncidentChange c : tracker.apply(APP, step.matches(), now, open, resolved, incidents)) {
                var f = c.finding();
                emitted.add(f.status() + " " + f.signature().id() + "/" + f.rootCause().service()
                        + (f.supersededBy() != null ? " superseded" : ""));
            }
        }
        assertThat(emitted).as(row.name()).isEqualTo(row.emitted());
    }

    private static Match match(String signature, int precedence, String root, List<String> suspects, double firstSeen, double at) {
        long t = Math.round(at * 1000);
        long first = Math.round(firstSeen * 1000);
        return new Match(signature, 1, precedence, FaultType.RESOURCE_EXHAUSTION,
                new RootCause(root, "Deployment", root, "why"), Severity.HIGH, 0.8, List.of("reason"), signature + " " + root,
                "summary", suspects, suspects, List.of(), new Impact(suspects.size(), Map.of(), 0, 0L, null, null, null, null,
                null, null, null), new Remediation(List.of(), List.of()), first, t, t);
    }
}
