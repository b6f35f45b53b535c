package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.k8s.K8sObject;

/**
 * Normalises raw records into service state: resolves which service a record is about through the
 * application topology, classifies log lines through the pattern catalogue, converts units, and
 * reports what changed. Records about services the topology does not know are ignored (the methods
 * return false, and the caller counts them).
 */
public final class SignalApplier {

    private final K8sSignals k8s;
    private final LogSignals logs;
    private final MetricSignals metrics;

    public SignalApplier(AppTopology topology, PatternCatalogue patterns, double limitRatio) {
        QueueTracking queues = new QueueTracking(topology);
        this.k8s = new K8sSignals(topology, queues);
        this.logs = new LogSignals(topology, patterns, queues);
        this.metrics = new MetricSignals(topology, queues, limitRatio);
    }

    public boolean k8s(CloudEvent<K8sObject> event, StateAccess state, Changes changes) {
        return k8s.apply(event, state, changes);
    }

    public boolean log(CloudEvent<DatadogLog> event, StateAccess state, Changes changes) {
        return logs.apply(event, state, changes);
    }

    public boolean metric(CloudEvent<MetricPoint> event, StateAccess state, Changes changes) {
        return metrics.apply(event, state, changes);
    }
}
