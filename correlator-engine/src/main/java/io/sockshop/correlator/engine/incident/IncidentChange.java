package io.sockshop.correlator.engine.incident;

import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;

/** One change of an incident: the finding for the findings topic and the state for the incidents topic. */
public record IncidentChange(Finding finding, IncidentState state) {
}
