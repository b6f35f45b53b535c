package io.sockshop.correlator.api.query;

import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;

import java.time.Instant;
import java.util.Set;

/**
 * The filters of the incident list, also applied to the findings stream. Every field is optional
 * (null or empty means any).
 *
 * @param statuses    incident statuses to keep
 * @param application {@code <cluster>/<namespace>}
 * @param namespace   the namespace part of the application
 * @param signature   signature id
 * @param service     the root-cause service or one of the affected services
 * @param from        keep incidents still active at or after this time (see {@link #overlaps})
 * @param to          keep incidents opened at or before this time
 */
public record IncidentFilter(Set<IncidentStatus> statuses, String application, String namespace, String signature,
                             String service, Instant from, Instant to) {

    public static final IncidentFilter ANY = new IncidentFilter(Set.of(), null, null, null, null, null, null);

    public IncidentFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public boolean matches(IncidentState incident) {
        return matchesFinding(incident.latest(), incident.status())
                && overlaps(incident.openedAt(), end(incident));
    }

    /** A finding of the stream: the time filter applies to when it was detected. */
    public boolean matches(Finding finding) {
        Instant at = finding.detectedAt();
        return matchesFinding(finding, finding.status())
                && (from == null || !at.isBefore(from))
                && (to == null || !at.isAfter(to));
    }

    private boolean matchesFinding(Finding finding, IncidentStatus status) {
        if (!statuses.isEmpty() && !statuses.contains(status)) {
            return false;
        }
        if (application != null && !application.equals(finding.application())) {
            return false;
        }
        if (namespace != null && !namespace.equals(namespaceOf(finding.application()))) {
            return false;
        }
        if (signature != null && !signature.equals(finding.signature().id())) {
            return false;
        }
        return service == null || involves(finding, service);
    }

    /** An incident overlaps [from, to] when it opened by {@code to} and had not resolved before {@code from}. */
    public boolean overlaps(Instant start, Instant end) {
        return (to == null || !start.isAfter(to)) && (from == null || end == null || !end.isBefore(from));
    }

    /** When the incident ended: its resolution, or null while it is active. */
    public static Instant end(IncidentState incident) {
        return incident.status() == IncidentStatus.RESOLVED ? incident.resolvedAt() : null;
    }

    public static boolean involves(Finding finding, String service) {
        return (finding.rootCause() != null && service.equals(finding.rootCause().service()))
                || finding.affectedServices().contains(service);
    }

    static String namespaceOf(String application) {
        return ApplicationKey.parse(application).namespace();
    }
}
