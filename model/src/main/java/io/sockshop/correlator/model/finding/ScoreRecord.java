package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;

/**
 * How the correlator did on one injection run ({@code io.sockshop.correlator.score.v1}), on the
 * compacted scores topic keyed by run id.
 *
 * @param timeToDetectSeconds event time from the injection's start to the matching incident's detection
 * @param falsePositiveIncidentIds incidents in the run window that match no injection
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreRecord(
        String runId,
        String scenarioId,
        String application,
        GroundTruth expected,
        Instant injectionStartedAt,
        Instant injectionEndedAt,
        ScoreStatus status,
        Boolean detected,
        Boolean signatureCorrect,
        Boolean rootCauseCorrect,
        Double timeToDetectSeconds,
        String matchedIncidentId,
        String detectedSignature,
        String detectedRootCauseService,
        List<String> falsePositiveIncidentIds) {

    public ScoreRecord {
        Require.nonBlank(runId, "runId");
        Require.nonBlank(scenarioId, "scenarioId");
        ApplicationKey.parse(application);
        Require.nonNull(expected, "expected");
        Require.nonNull(injectionStartedAt, "injectionStartedAt");
        Require.nonNull(status, "status");
        Require.nonNull(detected, "detected");
        Require.nonNull(signatureCorrect, "signatureCorrect");
        Require.nonNull(rootCauseCorrect, "rootCauseCorrect");
        Require.finiteOrNull(timeToDetectSeconds, "timeToDetectSeconds");
        falsePositiveIncidentIds = Require.list(falsePositiveIncidentIds, "falsePositiveIncidentIds");
    }
}
