package io.sockshop.correlator.engine.stream;

import io.sockshop.correlator.engine.incident.IncidentChange;

/** What the signal processor hands to the scoring processor of the same task: incident changes and watermark ticks. */
public sealed interface ScoringInput {

    record Incident(IncidentChange change) implements ScoringInput {
    }

    record Tick(long watermark) implements ScoringInput {
    }
}
