package io.sockshop.correlator.sandbox.behaviour;

import java.util.Map;

/**
 * How one Sock Shop service behaves under load, calibrated to what the incident guide reports:
 * at baseline every pod uses a few millicores and 50-200 MiB; at 500 users the front-end sits at
 * 80-95% of its 300m CPU limit and answers in seconds without crashing; at 750 users only the
 * front-end is overloaded (and OOM-killed by its backlog) while the backends run at 40-60%; at
 * 3000 users the backends are overloaded too.
 *
 * @param share               requests per front-end request that reach this service
 * @param baseCpuMillis       CPU with no traffic
 * @param cpuMillisPerRps     CPU per request per second
 * @param baseMemoryMi        memory working set at rest
 * @param memoryMiPerQueued   memory each queued request holds (connections, buffers)
 * @param baseLatencyMs       latency of one request when idle
 * @param entrypoint          the front door: its own work is light (its latency is mostly what it waits
 *                            for), while a backend's latency rises steeply with its utilisation
 */
public record ServiceProfile(String name, double share, double baseCpuMillis, double cpuMillisPerRps,
                             double baseMemoryMi, double memoryMiPerQueued, double baseLatencyMs) {

    public boolean entrypoint() {
        return name.equals("front-end");
    }

    /** Node CPU a container without a limit can use (a 2-core kind node). */
    public static final double NODE_CPU_MILLIS = 2000;

    /** Front-end requests per second per Locust user (Locust waits 1-3 s between tasks). */
    public static final double RPS_PER_USER = 0.5;

    private static final Map<String, ServiceProfile> SOCK_SHOP = Map.ofEntries(
            entry("front-end", 1.0, 3, 1.1, 80, 0.03, 150),
            entry("catalogue", 0.6, 3, 0.4, 12, 0.3, 6),
            entry("catalogue-db", 0.6, 55, 0.1, 95, 0.01, 2),
            entry("carts", 0.4, 4, 1.0, 210, 0.6, 15),
            entry("carts-db", 0.4, 4, 0.1, 70, 0.05, 2),
            entry("user", 0.2, 3, 1.8, 10, 0.3, 8),
            entry("user-db", 0.2, 4, 0.1, 60, 0.05, 2),
            entry("orders", 0.04, 5, 15.0, 230, 2.0, 60),
            entry("orders-db", 0.04, 4, 0.5, 70, 0.05, 2),
            entry("payment", 0.04, 2, 0.5, 8, 0.1, 1),
            entry("shipping", 0.04, 4, 2.0, 210, 0.3, 20),
            entry("rabbitmq", 0.04, 10, 1.0, 120, 0.05, 2),
            entry("queue-master", 0.04, 4, 2.0, 200, 0.3, 10),
            entry("session-db", 1.0, 3, 0.05, 8, 0.01, 1));

    public static ServiceProfile of(String service) {
        ServiceProfile profile = SOCK_SHOP.get(service);
        return profile != null ? profile : new ServiceProfile(service, 0, 2, 0, 20, 0, 5);
    }

    private static Map.Entry<String, ServiceProfile> entry(String name, double share, double baseCpu, double cpuPerRps,
                                                         double baseMemory, double memoryPerQueued, double latency) {
        return Map.entry(name, new ServiceProfile(name, share, baseCpu, cpuPerRps, baseMemory, memoryPerQueued, latency));
    }
}
