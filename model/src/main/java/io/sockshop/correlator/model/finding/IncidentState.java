package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;

/**
 * The latest state of one incident ({@code io.sockshop.correlator.incident.v1}), on the compacted
 * incidents topic keyed by incident id: the latest finding plus the incident's timeline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentState(
        String incidentId,
        String application,
        String signature,
        String rootCauseService,
        IncidentStatus status,
        Integer revision,
        Instant openedAt,
        Instant updatedAt,
        Instant resolvedAt,
        Finding latest,
        List<TimelineEntry> timeline) {

    public IncidentState {
        Require.nonBlank(incidentId, "incidentId");
        ApplicationKey.parse(application);
        Require.nonBlank(signature, "signature");
        Require.nonNull(status, "status");
        Require.nonNull(revision, "revision");
        Require.nonNull(openedAt, "openedAt");
        Require.nonNull(updatedAt, "updatedAt");
        Require.nonNull(latest, "latest");
        timeline = Require.list(timeline, "timeline");
        if (status == IncidentStatus.RESOLVED && resolvedAt == null) {
            throw new IllegalArgumentException("resolvedAt is required when status is RESOLVED");
        }
    }
}
