package io.sockshop.correlator.model;

import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.health.ServiceHealth;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.k8s.K8sObject;

import java.util.List;
import java.util.Optional;

/**
 * The contract's event types. The version is part of the type name: within v1 only additive,
 * optional fields; anything else is a new type (v2) published beside v1.
 *
 * @param type      the CloudEvents {@code type} attribute
 * @param dataClass the Java type of {@code data}
 * @param schema    the file name of the JSON Schema under {@code docs/schemas/}
 */
public record EventType<T>(String type, Class<T> dataClass, String schema) {

    public static final String PREFIX = "io.sockshop.correlator.";

    public static final EventType<K8sObject> K8S_OBJECT =
            new EventType<>(PREFIX + "k8s.object.v1", K8sObject.class, "k8s-object.v1.schema.json");
    public static final EventType<DatadogLog> DATADOG_LOG =
            new EventType<>(PREFIX + "datadog.log.v1", DatadogLog.class, "datadog-log.v1.schema.json");
    public static final EventType<MetricPoint> DATADOG_METRIC =
            new EventType<>(PREFIX + "datadog.metric.v1", MetricPoint.class, "datadog-metric.v1.schema.json");
    public static final EventType<InjectionEvent> INJECTION =
            new EventType<>(PREFIX + "injection.v1", InjectionEvent.class, "injection.v1.schema.json");
    public static final EventType<Finding> FINDING =
            new EventType<>(PREFIX + "finding.v1", Finding.class, "finding.v1.schema.json");
    public static final EventType<IncidentState> INCIDENT =
            new EventType<>(PREFIX + "incident.v1", IncidentState.class, "incident.v1.schema.json");
    public static final EventType<ScoreRecord> SCORE =
            new EventType<>(PREFIX + "score.v1", ScoreRecord.class, "score.v1.schema.json");

    public static final EventType<ServiceHealth> SERVICE_HEALTH =
            new EventType<>(PREFIX + "service-health.v1", ServiceHealth.class, "service-health.v1.schema.json");

    private static final List<EventType<?>> ALL =
            List.of(K8S_OBJECT, DATADOG_LOG, DATADOG_METRIC, INJECTION, FINDING, INCIDENT, SCORE, SERVICE_HEALTH);

    public EventType {
        Require.nonBlank(type, "type");
        Require.nonNull(dataClass, "dataClass");
        Require.nonBlank(schema, "schema");
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type.equals(type)).findFirst();
    }
}
