package io.sockshop.correlator.engine.state;

import io.sockshop.correlator.model.finding.SourceType;

/** A remembered piece of evidence: when, from which source, a one-line summary, the raw record's CloudEvents id. */
public record EvidenceRef(long time, SourceType source, String summary, String eventId) {
}
