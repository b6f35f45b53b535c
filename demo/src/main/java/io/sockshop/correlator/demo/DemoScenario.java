package io.sockshop.correlator.demo;

import java.util.List;
import java.util.Map;

/**
 * One of the guide's incidents as the demo runs it: the injector's scenario with shortened
 * parameters, so that six incidents fit in a few minutes on a laptop.
 */
public record DemoScenario(String id, String title, Map<String, String> parameters) {

    /**
     * The guide's incidents in the guide's numbering, shortened: long enough for each to leave the evidence
     * its signature needs (incident 1: the front-end OOM-killed twice, about 22 s in; incident 2: three
     * liveness kills of the front-end, about 45 s in; incident 8: catalogue's breaker open, about 23 s after
     * the limit drops; incidents 3 and 5: a few failed orders and unconsumed messages), short enough for
     * all six to fit in a few minutes. DemoIncidentsInTheSandboxTest plays them in the sandbox.
     */
    public static final List<DemoScenario> GUIDE = List.of(
            new DemoScenario("incident-1", "crash under load: 3000 users",
                    Map.of("users", "3000", "spawnRate", "300", "duration", "30s")),
            new DemoScenario("incident-2", "hybrid: 750 users crash the front-end, backends only slow down",
                    Map.of("users", "750", "spawnRate", "150", "duration", "60s")),
            new DemoScenario("incident-4", "pure latency: 500 users",
                    Map.of("users", "500", "spawnRate", "100", "duration", "20s")),
            new DemoScenario("incident-3", "payment scaled to 0 during checkouts",
                    Map.of("users", "10", "spawnRate", "10", "warmup", "3s", "duration", "15s")),
            new DemoScenario("incident-5", "queue-master scaled to 0 while shipping publishes",
                    Map.of("users", "10", "spawnRate", "10", "warmup", "3s", "duration", "15s")),
            new DemoScenario("incident-8", "catalogue-db throttled to 50m, catalogue's circuit breaker opens",
                    Map.of("users", "20", "spawnRate", "20", "warmup", "3s", "duration", "30s", "recoveryWait", "3s")));

    public static DemoScenario byId(String id) {
        return GUIDE.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "', expected one of "
                        + GUIDE.stream().map(DemoScenario::id).toList()));
    }
}
