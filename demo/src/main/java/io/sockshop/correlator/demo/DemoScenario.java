package io.sockshop.correlator.demo;

import java.util.List;
import java.util.Map;

/**
 * One of the guide's incidents as the demo runs it: the injector's scenario with shortened
 * parameters, so that six incidents fit in a few minutes on a laptop.
 */
public record DemoScenario(String id, String title, Map<String, String> parameters) {

    /** The guide's incidents in the order the guide runs them, shortened. */
    public static final List<DemoScenario> GUIDE = List.of(
            new DemoScenario("incident-1", "crash under load: 3000 users",
                    Map.of("users", "3000", "spawnRate", "300", "duration", "30s")),
            new DemoScenario("incident-2", "hybrid: 750 users crash the front-end, backends only slow down",
                    Map.of("users", "750", "spawnRate", "150", "duration", "45s")),
            new DemoScenario("incident-4", "pure latency: 500 users",
                    Map.of("users", "500", "spawnRate", "100", "duration", "35s")),
            new DemoScenario("incident-3", "payment scaled to 0 during checkouts",
                    Map.of("users", "10", "spawnRate", "10", "warmup", "5s", "duration", "25s")),
            new DemoScenario("incident-5", "queue-master scaled to 0 while shipping publishes",
                    Map.of("users", "10", "spawnRate", "10", "warmup", "5s", "duration", "25s")),
            new DemoScenario("incident-8", "catalogue-db throttled to 50m, catalogue's circuit breaker opens",
                    Map.of("users", "20", "spawnRate", "20", "warmup", "5s", "duration", "35s", "recoveryWait", "5s")));

    public static DemoScenario byId(String id) {
        return GUIDE.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "', expected one of "
                        + GUIDE.stream().map(DemoScenario::id).toList()));
    }
}
