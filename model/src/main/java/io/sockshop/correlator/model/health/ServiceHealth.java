package io.sockshop.correlator.model.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.Require;
import io.sockshop.correlator.model.k8s.ResourceList;

import java.time.Instant;
import java.util.List;

/**
 * The current picture of one service of an application ({@code io.sockshop.correlator.service-health.v1}),
 * as the correlator sees it, on the compacted service-health topic keyed by
 * {@code <cluster>/<namespace>/<service>}. Every measurement is optional: absent means no signal.
 *
 * @param restartCount          sum of the current containers' restart counts
 * @param recentRestarts        restarts in the last 10 minutes of event time
 * @param lastTerminationReason the reason of the latest container termination ({@code OOMKilled}, {@code Error})
 * @param waitingReason         a container's waiting reason now ({@code CrashLoopBackOff})
 * @param cpuMillicores         latest CPU usage
 * @param memoryBytes           latest memory working set
 * @param latencyMs             latest request latency (from metrics or {@code took=} log durations)
 * @param errorsPerMinute       error lines and 5xx responses per minute, recent
 * @param openIncidentIds       incidents open now that name this service as root cause or affected
 * @param updatedAt             event time of the latest signal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceHealth(
        String application,
        String service,
        HealthStatus status,
        Integer desiredReplicas,
        Integer availableReplicas,
        Integer restartCount,
        Integer recentRestarts,
        String lastTerminationReason,
        Integer lastExitCode,
        String waitingReason,
        ResourceList requests,
        ResourceList limits,
        Double cpuMillicores,
        Double memoryBytes,
        Double latencyMs,
        Double errorsPerMinute,
        List<String> openIncidentIds,
        Instant updatedAt) {

    public ServiceHealth {
        ApplicationKey.parse(application);
        Require.nonBlank(service, "service");
        Require.nonNull(status, "status");
        Require.nonNegative(desiredReplicas, "desiredReplicas");
        Require.nonNegative(availableReplicas, "availableReplicas");
        Require.nonNegative(restartCount, "restartCount");
        Require.nonNegative(recentRestarts, "recentRestarts");
        Require.finiteOrNull(cpuMillicores, "cpuMillicores");
        Require.finiteOrNull(memoryBytes, "memoryBytes");
        Require.finiteOrNull(latencyMs, "latencyMs");
        Require.finiteOrNull(errorsPerMinute, "errorsPerMinute");
        openIncidentIds = Require.list(openIncidentIds, "openIncidentIds");
        Require.nonNull(updatedAt, "updatedAt");
    }

    /** The key on the service-health topic. */
    public String key() {
        return application + "/" + service;
    }
}
