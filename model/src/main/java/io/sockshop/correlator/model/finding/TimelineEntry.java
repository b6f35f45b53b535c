package io.sockshop.correlator.model.finding;

import io.sockshop.correlator.model.Require;

import java.time.Instant;

/** One step of an incident's history: a revision and what changed. */
public record TimelineEntry(Instant time, Integer revision, IncidentStatus status, String summary) {
    public TimelineEntry {
        Require.nonNull(time, "time");
        Require.nonNull(status, "status");
        Require.nonNull(revision, "revision");
        Require.nonBlank(summary, "summary");
    }
}
