package io.sockshop.correlator.api.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.api.trace.LineKind;
import io.sockshop.correlator.api.trace.MatchedBy;
import io.sockshop.correlator.model.finding.IncidentStatus;

import java.time.Instant;
import java.util.List;

/**
 * The lifecycle of one order as the logs tell it, with the incident it belongs to.
 *
 * @param finalStatus   the last status the orders service logged for it
 * @param moneyAtRisk   the order ended in a failed payment state (the customer may have been charged)
 *                      or belongs to an incident that flags money at risk
 * @param incident      the incident it belongs to, if any: one that lists it among its failed
 *                      orders, else one whose window and services cover its lines
 * @param otherIncidents further incidents whose window and services cover it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderTrace(String orderId, String application, Instant firstSeen, Instant lastSeen, String finalStatus,
                         List<StatusChange> statusHistory, Boolean paymentAuthorised, boolean moneyAtRisk,
                         String summary, IncidentLink incident, List<IncidentLink> otherIncidents,
                         List<Event> events) {

    public record StatusChange(Instant time, String status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant time, String service, String pod, LineKind kind, String status, String level,
                        String message, String eventId, String traceId, MatchedBy matchedBy) {
    }

    /** @param matchedBy {@code FAILED_ORDERS} (the incident lists the order) or {@code TIME_WINDOW} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentLink(String incidentId, String signature, IncidentStatus status, String rootCauseService,
                               String title, Boolean moneyAtRisk, String matchedBy) {
    }
}
