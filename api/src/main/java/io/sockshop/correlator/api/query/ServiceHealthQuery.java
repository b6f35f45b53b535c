package io.sockshop.correlator.api.query;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ServiceHealthStore;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.health.ServiceHealth;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Service health as the correlator pictures it, with the open incidents this replica knows added:
 * those that name the service as root cause or as affected.
 */
public final class ServiceHealthQuery {

    private final ServiceHealthStore health;
    private final IncidentStore incidents;

    public ServiceHealthQuery(ServiceHealthStore health, IncidentStore incidents) {
        this.health = health;
        this.incidents = incidents;
    }

    /** Every service of the application (all applications when null), by name. */
    public List<ServiceHealth> list(String application) {
        List<IncidentState> open = openIncidents();
        return health.all().stream()
                .filter(h -> application == null || application.equals(h.application()))
                .sorted(Comparator.comparing(ServiceHealth::application).thenComparing(ServiceHealth::service))
                .map(h -> withOpenIncidents(h, open))
                .toList();
    }

    public Optional<ServiceHealth> get(String application, String service) {
        return health.get(application, service).map(h -> withOpenIncidents(h, openIncidents()));
    }

    private List<IncidentState> openIncidents() {
        return incidents.all().stream().filter(i -> i.status() != IncidentStatus.RESOLVED).toList();
    }

    private boolean isKnownResolved(String incidentId) {
        return incidents.get(incidentId).map(i -> i.status() == IncidentStatus.RESOLVED).orElse(false);
    }

    private ServiceHealth withOpenIncidents(ServiceHealth h, List<IncidentState> open) {
        TreeSet<String> ids = new TreeSet<>(h.openIncidentIds());
        open.stream().filter(i -> i.application().equals(h.application()))
                .filter(i -> IncidentFilter.involves(i.latest(), h.service()))
                .forEach(i -> ids.add(i.incidentId()));
        ids.removeIf(id -> open.stream().noneMatch(i -> i.incidentId().equals(id)) && isKnownResolved(id));
        return new ServiceHealth(h.application(), h.service(), h.status(), h.desiredReplicas(), h.availableReplicas(),
                h.restartCount(), h.recentRestarts(), h.lastTerminationReason(), h.lastExitCode(), h.waitingReason(),
                h.requests(), h.limits(), h.cpuMillicores(), h.memoryBytes(), h.latencyMs(), h.errorsPerMinute(),
                List.copyOf(ids), h.updatedAt());
    }
}
