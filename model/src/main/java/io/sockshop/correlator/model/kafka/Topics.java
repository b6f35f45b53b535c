package io.sockshop.correlator.model.kafka;

import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.finding.Finding;
import io.sockshop.correlator.model.finding.IncidentState;
import io.sockshop.correlator.model.finding.ScoreRecord;
import io.sockshop.correlator.model.health.ServiceHealth;
import io.sockshop.correlator.model.injection.InjectionEvent;
import io.sockshop.correlator.model.k8s.K8sObject;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;

/**
 * Every topic of the system in one place. Raw topics, injections and findings are keyed by
 * application ({@code <cluster>/<namespace>}): all signals of one application land in one partition
 * and one correlator task sees the whole application. Incidents and scores are compacted and keyed
 * by incident id and run id.
 */
public final class Topics {

    public static final TopicDescriptor<String, CloudEvent<K8sObject>> K8S = new TopicDescriptor<>(
            "sockshop.k8s.v1", Serdes.String(), new CloudEventSerde<>(EventType.K8S_OBJECT), false,
            "Kubernetes watch records (Pods, Deployments, ReplicaSets, Jobs, Events); key <cluster>/<namespace>");

    public static final TopicDescriptor<String, CloudEvent<DatadogLog>> DATADOG_LOGS = new TopicDescriptor<>(
            "sockshop.datadog.logs.v1", Serdes.String(), new CloudEventSerde<>(EventType.DATADOG_LOG), false,
            "Datadog log events; key <cluster>/<namespace>");

    public static final TopicDescriptor<String, CloudEvent<MetricPoint>> DATADOG_METRICS = new TopicDescriptor<>(
            "sockshop.datadog.metrics.v1", Serdes.String(), new CloudEventSerde<>(EventType.DATADOG_METRIC), false,
            "Datadog metric points; key <cluster>/<namespace>");

    public static final TopicDescriptor<String, CloudEvent<InjectionEvent>> INJECTIONS = new TopicDescriptor<>(
            "sockshop.injections.v1", Serdes.String(), new CloudEventSerde<>(EventType.INJECTION), false,
            "Injection lifecycle events (ground truth); key <cluster>/<namespace>");

    public static final TopicDescriptor<String, CloudEvent<Finding>> FINDINGS = new TopicDescriptor<>(
            "sockshop.findings.v1", Serdes.String(), new CloudEventSerde<>(EventType.FINDING), false,
            "Every change of every incident; key <cluster>/<namespace>; read with isolation.level=read_committed");

    public static final TopicDescriptor<String, CloudEvent<IncidentState>> INCIDENTS = new TopicDescriptor<>(
            "sockshop.incidents.v1", Serdes.String(), new CloudEventSerde<>(EventType.INCIDENT), true,
            "Latest state of each incident (compacted); key incident id; read with isolation.level=read_committed");

    public static final TopicDescriptor<String, CloudEvent<ScoreRecord>> SCORES = new TopicDescriptor<>(
            "sockshop.scores.v1", Serdes.String(), new CloudEventSerde<>(EventType.SCORE), true,
            "Score of each injection run (compacted); key run id; read with isolation.level=read_committed");

    public static final TopicDescriptor<String, CloudEvent<ServiceHealth>> SERVICE_HEALTH = new TopicDescriptor<>(
            "sockshop.service-health.v1", Serdes.String(), new CloudEventSerde<>(EventType.SERVICE_HEALTH), true,
            "Current picture of each service (compacted); key <cluster>/<namespace>/<service>; read with isolation.level=read_committed");

    public static final TopicDescriptor<byte[], byte[]> DEAD_LETTERS = new TopicDescriptor<>(
            "sockshop.deadletter.v1", Serdes.ByteArray(), Serdes.ByteArray(), false,
            "Refused records, original key/value/headers byte for byte plus dlq.* headers (see DeadLetterHeaders)");

    private static final List<TopicDescriptor<?, ?>> ALL =
            List.of(K8S, DATADOG_LOGS, DATADOG_METRICS, INJECTIONS, FINDINGS, INCIDENTS, SCORES, SERVICE_HEALTH,
                    DEAD_LETTERS);

    private Topics() {
    }

    public static List<TopicDescriptor<?, ?>> all() {
        return ALL;
    }

    /** The raw input topics of the correlator. */
    public static List<TopicDescriptor<String, ? extends CloudEvent<?>>> raw() {
        return List.of(K8S, DATADOG_LOGS, DATADOG_METRICS);
    }
}
