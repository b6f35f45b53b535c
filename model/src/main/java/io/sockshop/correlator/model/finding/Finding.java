package io.sockshop.correlator.model.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.Require;

import java.time.Instant;
import java.util.List;

/**
 * One change of an incident ({@code io.sockshop.correlator.finding.v1}): every OPEN, UPDATED and
 * RESOLVED goes to the findings topic as a finding. All times are event times, so replaying the
 * same input gives the same findings.
 *
 * @param id               {@code finding/<incidentId>/<revision>}, also the CloudEvents id
 * @param incidentId       deterministic: application, signature and root-cause service, and the
 *                         event time the incident opened
 * @param revision         1 for OPEN, then +1 per change
 * @param application      {@code <cluster>/<namespace>}
 * @param rootCause        absent when the evidence supports no root cause
 * @param detectedAt       event time of the record that completed the signature
 * @param firstSeen        event time of the earliest evidence
 * @param lastSeen         event time of the latest evidence
 * @param supersededBy     set on the RESOLVED finding of an incident that a more specific incident
 *                         (the given id) took over: the first hypothesis was refined, it is not a
 *                         second incident. Absent otherwise (added within v1, optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        String id,
        String incidentId,
        Integer revision,
        String application,
        SignatureRef signature,
        IncidentStatus status,
        Severity severity,
        Confidence confidence,
        String title,
        String summary,
        RootCause rootCause,
        List<String> affectedServices,
        List<Evidence> evidence,
        Impact impact,
        Remediation remediation,
        Instant firstSeen,
        Instant lastSeen,
        Instant detectedAt,
        Evaluation evaluation,
        String supersededBy) {

    public Finding {
        Require.nonBlank(id, "id");
        Require.nonBlank(incidentId, "incidentId");
        Require.nonNull(revision, "revision");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1, was " + revision);
        }
        ApplicationKey.parse(application);
        Require.nonNull(signature, "signature");
        Require.nonNull(status, "status");
        Require.nonNull(severity, "severity");
        Require.nonNull(confidence, "confidence");
        Require.nonBlank(title, "title");
        Require.nonBlank(summary, "summary");
        affectedServices = Require.list(affectedServices, "affectedServices");
        evidence = Require.list(evidence, "evidence");
        impact = impact == null ? Impact.none() : impact;
        remediation = remediation == null ? new Remediation(List.of(), List.of()) : remediation;
        Require.nonNull(firstSeen, "firstSeen");
        Require.nonNull(lastSeen, "lastSeen");
        Require.nonNull(detectedAt, "detectedAt");
        Require.nonNull(evaluation, "evaluation");
    }

    /** A finding that supersedes nothing and is superseded by nothing (the v1 fields before {@code supersededBy}). */
    public Finding(String id, String incidentId, Integer revision, String application, SignatureRef signature,
                   IncidentStatus status, Severity severity, Confidence confidence, String title, String summary,
                   RootCause rootCause, List<String> affectedServices, List<Evidence> evidence, Impact impact,
                   Remediation remediation, Instant firstSeen, Instant lastSeen, Instant detectedAt,
                   Evaluation evaluation) {
        this(id, incidentId, revision, application, signature, status, severity, confidence, title, summary, rootCause,
                affectedServices, evidence, impact, remediation, firstSeen, lastSeen, detectedAt, evaluation, null);
    }
}
