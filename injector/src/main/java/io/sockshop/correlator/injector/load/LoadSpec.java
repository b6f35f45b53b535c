package io.sockshop.correlator.injector.load;

import java.time.Duration;

/**
 * One load generator of one run.
 *
 * @param host      base URL the shoppers hit, e.g. {@code http://front-end} (the Service in the namespace)
 * @param runTime   how long Locust runs before it stops by itself
 * @param spawnRate users started per second
 */
public record LoadSpec(String runId, String scenarioId, String namespace, int users, double spawnRate,
                       Duration runTime, String host) {

    public String jobName() {
        return "locust-" + runId;
    }

    public String configMapName() {
        return "locustfile-" + runId;
    }
}
