package io.sockshop.correlator.model;

import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.health.ServiceHealth;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.k8s.K8sObject;

import java.time.Instant;

/**
 * Builds the envelope of each contract type the same way everywhere: id, source, subject and
 * partition key follow from the data, so producers cannot drift apart.
 */
public final class Events {

    public static final String COLLECTOR_K8S_SOURCE = "/collector/k8s/";
    public static final String COLLECTOR_LOGS_SOURCE = "/collector/datadog/logs";
    public static final String COLLECTOR_METRICS_SOURCE = "/collector/datadog/metrics";
    public static final String INJECTOR_SOURCE = "/injector/";
    public static final String CORRELATOR_SOURCE = "/correlator";
    public static final String SCORING_SOURCE = "/correlator/scoring";

    private Events() {
    }

    /**
     * A watch record. {@code time} is the best event time the object offers (an Event's
     * lastTimestamp, a container's finishedAt, ...); the collector decides, falling back to when
     * it observed the change.
     */
    public static CloudEvent<K8sObject> k8s(K8sObject object, Instant time) {
        String namespace = object.namespace() == null ? "_cluster" : object.namespace();
        return CloudEvent.of(EventType.K8S_OBJECT,
                EventIds.k8s(object.uid(), object.resourceVersion(), object.isDelete()),
                COLLECTOR_K8S_SOURCE + object.cluster(),
                namespace + "/" + object.kind() + "/" + object.name(),
                time,
                ApplicationKey.of(object.cluster(), namespace).toString(),
                object);
    }

    public static CloudEvent<DatadogLog> datadogLog(ApplicationKey application, DatadogLog log) {
        return CloudEvent.of(EventType.DATADOG_LOG, EventIds.datadogLog(log.id()), COLLECTOR_LOGS_SOURCE,
                log.service(), log.timestamp(), application.toString(), log);
    }

    public static CloudEvent<MetricPoint> metricPoint(ApplicationKey application, MetricPoint point) {
        return CloudEvent.of(EventType.DATADOG_METRIC,
                EventIds.metricPoint(point.metric(), point.scope(), point.timestamp()), COLLECTOR_METRICS_SOURCE,
                point.metric(), point.timestamp(), application.toString(), point);
    }

    public static CloudEvent<InjectionEvent> injection(InjectionEvent event, Instant time) {
        return CloudEvent.of(EventType.INJECTION, EventIds.injection(event.runId(), event.sequence()),
                INJECTOR_SOURCE + event.cluster(), event.runId(), time,
                ApplicationKey.of(event.cluster(), event.namespace()).toString(), event);
    }

    public static CloudEvent<Finding> finding(Finding finding) {
        return CloudEvent.of(EventType.FINDING, EventIds.finding(finding.incidentId(), finding.revision()),
                CORRELATOR_SOURCE, finding.incidentId(), finding.detectedAt(), finding.application(), finding);
    }

    public static CloudEvent<IncidentState> incident(IncidentState state) {
        return CloudEvent.of(EventType.INCIDENT, EventIds.incident(state.incidentId(), state.revision()),
                CORRELATOR_SOURCE, state.incidentId(), state.updatedAt(), state.incidentId(), state);
    }

    public static CloudEvent<ServiceHealth> serviceHealth(ServiceHealth health) {
        return CloudEvent.of(EventType.SERVICE_HEALTH, EventIds.serviceHealth(health.key(), health.updatedAt()),
                CORRELATOR_SOURCE, health.service(), health.updatedAt(), health.key(), health);
    }

    public static CloudEvent<ScoreRecord> score(ScoreRecord score, int revision, Instant time) {
        return CloudEvent.of(EventType.SCORE, EventIds.score(score.runId(), revision), SCORING_SOURCE,
                score.runId(), time, score.runId(), score);
    }
}
