package io.sockshop.correlator.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Severity;

import java.time.Instant;
import java.util.List;

/** One line of the incident list; the detail endpoint has the timeline, evidence, impact and remediation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentSummary(String incidentId, String application, String signature, IncidentStatus status,
                              Severity severity, String title, String summary, String rootCauseService,
                              List<String> affectedServices, FaultType faultType, Double confidence, int revision,
                              Instant openedAt, Instant updatedAt, Instant resolvedAt) {

    public static IncidentSummary of(IncidentState state) {
        Finding latest = state.latest();
        return new IncidentSummary(state.incidentId(), state.application(), state.signature(), state.status(),
                latest.severity(), latest.title(), latest.summary(), state.rootCauseService(),
                latest.affectedServices(), latest.evaluation().faultType(), latest.confidence().score(),
                state.revision(), state.openedAt(), state.updatedAt(), state.resolvedAt());
    }
}
