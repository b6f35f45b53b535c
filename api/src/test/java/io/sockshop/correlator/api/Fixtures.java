package io.sockshop.correlator.api;

import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.Events;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.finding.Confidence;
import io.sockshop.correlator.model.finding.Evaluation;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FailedOrders;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.GroundTruth;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.IncidentStatus;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.finding.ScoreStatus;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.SignatureRef;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.finding.SourceType;
import io.sockshop.correlator.model.finding.TimelineEntry;
import io.sockshop.correlator.model.health.HealthStatus;
import io.sockshop.correlator.model.health.ServiceHealth;
import io.sockshop.correlator.model.k8s.ResourceList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Test records built with the model's types, shaped like the contract's examples under
 * docs/schemas/examples/ (incident 3: payment scaled to 0, 4 orders PAYMENT_FAILED; incident 8:
 * catalogue-db throttled).
 */
public final class Fixtures {

    public static final String ORDER_ID = "6900953ac1f4320001b50703";
    public static final List<String> FAILED_ORDER_IDS = List.of(ORDER_ID, "6900954bc1f4320001b50704",
            "6900955ec1f4320001b50705", "69009571c1f4320001b50706");
    public static final Instant T0 = Instant.parse("2025-11-05T11:20:00Z");

    private Fixtures() {
    }

    public static String incidentId(String application, String signature, String rootCause, Instant openedAt) {
        return application.replace('/', '.') + "." + signature + "." + rootCause + "." + openedAt.getEpochSecond();
    }

    /** A finding of incident 3 (dependency-down-inconsistency, root cause payment) at a revision. */
    public static Finding paymentDown(String application, String incidentId, int revision, IncidentStatus status,
                                      Instant detectedAt, List<String> failedOrders) {
        Impact impact = new Impact(null, null, null, 2L * failedOrders.size(),
                new FailedOrders((long) failedOrders.size(), failedOrders, T0.plusMillis(31_518), detectedAt),
                true, null, null, 161L, null, null);
        return new Finding("finding/" + incidentId + "/" + revision, incidentId, revision, application,
                new SignatureRef(Signatures.DEPENDENCY_DOWN_INCONSISTENCY, 1), status, Severity.CRITICAL,
                new Confidence(0.9, List.of("payment has 0 of 1 replicas available since 11:20:00",
                        failedOrders.size() + " orders ended PAYMENT_FAILED")),
                "payment unavailable: orders fail payment (money at risk)",
                "payment was scaled to 0 replicas; orders could not reach it and " + failedOrders.size()
                        + " orders ended PAYMENT_FAILED.",
                new RootCause("payment", "Deployment", "payment",
                        "Deployment scaled to 0 replicas: no endpoint accepts connections"),
                List.of("payment", "orders", "front-end"),
                List.of(new Evidence(T0, SourceType.K8S, "payment",
                                "ScalingReplicaSet: Scaled down replica set payment-5d8f6c7b9 from 1 to 0",
                                List.of("k8s/1f0e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/701233")),
                        new Evidence(T0.plusMillis(31_518), SourceType.LOG, "orders",
                                "Order " + ORDER_ID + " status updated to PAYMENT_FAILED",
                                List.of("dd-log/AQAAAZpVb1m4Q2c3bAAAAABBWnBWYjFtNEFBQ0s4OEN3YmZ1UDJRQUI"))),
                impact,
                new Remediation(List.of("kubectl -n sock-shop scale deployment/payment --replicas=1",
                        "Reconcile the PAYMENT_FAILED orders with the payment gateway before refunding or fulfilling"),
                        List.of("Run payment with at least 2 replicas and a PodDisruptionBudget")),
                T0, detectedAt, T0.plusMillis(31_518),
                new Evaluation(true, List.of("payment", "orders"), FaultType.DEPENDENCY_UNAVAILABLE));
    }

    /** A finding of incident 8 (datastore-throttle-cascade, root cause catalogue-db). */
    public static Finding throttled(String application, String incidentId, int revision, IncidentStatus status,
                                    Instant detectedAt) {
        return new Finding("finding/" + incidentId + "/" + revision, incidentId, revision, application,
                new SignatureRef(Signatures.DATASTORE_THROTTLE_CASCADE, 1), status, Severity.HIGH,
                new Confidence(0.8, List.of("catalogue-db CPU at its 50m limit", "catalogue circuit breaker open")),
                "catalogue-db CPU-throttled: catalogue latency and circuit breaker open",
                "catalogue-db sits at its 50m CPU limit; catalogue slowed down and opened its circuit breaker.",
                new RootCause("catalogue-db", "Deployment", "catalogue-db", "CPU limit 50m reached: throttled"),
                List.of("catalogue-db", "catalogue", "front-end"),
                List.of(new Evidence(detectedAt, SourceType.LOG, "catalogue",
                        "err=\"circuit breaker 'List' is open\"",
                        List.of("dd-log/AQAAAZpVx3s1d2c3bAAAAABBWnBWeDN0QUFBQ0s4OEN3YmZ1UDJRQUI"))),
                new Impact(null, null, null, 120L, null, null, 9_800.0, 40.0, null, null, null), null,
                detectedAt.minusSeconds(60), detectedAt, detectedAt,
                new Evaluation(true, List.of("catalogue-db", "catalogue"), FaultType.RESOURCE_THROTTLING));
    }

    /** The incident state after the given findings (in revision order). */
    public static IncidentState incident(List<Finding> findings) {
        Finding first = findings.get(0);
        Finding latest = findings.get(findings.size() - 1);
        List<TimelineEntry> timeline = new ArrayList<>();
        findings.forEach(f -> timeline.add(new TimelineEntry(f.lastSeen(), f.revision(), f.status(), f.summary())));
        Instant resolvedAt = latest.status() == IncidentStatus.RESOLVED ? latest.lastSeen() : null;
        return new IncidentState(latest.incidentId(), latest.application(), latest.signature().id(),
                latest.rootCause() == null ? null : latest.rootCause().service(), latest.status(), latest.revision(),
                first.detectedAt(), latest.lastSeen(), resolvedAt, latest, timeline);
    }

    public static ServiceHealth health(String application, String service, HealthStatus status, int desired,
                                       int available, int restarts, List<String> openIncidents, Instant at) {
        return new ServiceHealth(application, service, status, desired, available, restarts, 0, null, null, null,
                null, new ResourceList("200m", "200Mi"), 1.0, 12_000_000.0, null, 0.0, openIncidents, at);
    }

    public static ScoreRecord score(String runId, String scenario, String application, String expectedSignature,
                                    String expectedRoot, FaultType faultType, boolean detected, String detectedSignature,
                                    String detectedRoot, Double ttd, String matched, List<String> falsePositives,
                                    ScoreStatus status) {
        return new ScoreRecord(runId, scenario, application, new GroundTruth(expectedSignature, expectedRoot, faultType),
                T0, T0.plusSeconds(120), status, detected,
                detected && expectedSignature.equals(detectedSignature),
                detected && expectedRoot.equals(detectedRoot), ttd, matched, detectedSignature, detectedRoot,
                falsePositives);
    }

    public static CloudEvent<DatadogLog> log(String application, String logId, Instant at, String service, String pod,
                                            String status, String message) {
        ApplicationKey key = ApplicationKey.parse(application);
        DatadogLog log = new DatadogLog(logId, at, service, status, "sockshop-worker", message,
                List.of("kube_namespace:" + key.namespace(), "kube_deployment:" + service, "pod_name:" + pod,
                        "kube_cluster_name:" + key.cluster(), "service:" + service), null);
        return Events.datadogLog(key, log);
    }
}
