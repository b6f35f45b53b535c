package io.sockshop.correlator.engine.normalize;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.app.QueueEdge;
import io.sockshop.correlator.engine.logs.LogKind;
import io.sockshop.correlator.engine.logs.LogMatch;
import io.sockshop.correlator.engine.logs.PatternCatalogue;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.finding.SourceType;

import java.util.Optional;

import static io.sockshop.correlator.engine.normalize.Signals.ref;

/** Datadog logs to service state, through the pattern catalogue; callees named in a line resolve through the topology. */
final class LogSignals {

    private final AppTopology topology;
    private final PatternCatalogue patterns;
    private final QueueTracking queues;

    LogSignals(AppTopology topology, PatternCatalogue patterns, QueueTracking queues) {
        this.topology = topology;
        this.patterns = patterns;
        this.queues = queues;
    }

    boolean apply(CloudEvent<DatadogLog> event, StateAccess state, Changes changes) {
        DatadogLog log = event.data();
        Optional<String> service = log.tag("kube_deployment").flatMap(topology::byDeployment)
                .or(() -> topology.resolve(log.service()))
                .or(() -> log.tag("service").flatMap(topology::resolve))
                .or(() -> log.tag("pod_name").flatMap(topology::byPodName))
                .or(() -> log.tag("kube_container_name").flatMap(topology::resolve));
        if (service.isEmpty()) {
            return false;
        }
        String name = service.get();
        LogMatch match = patterns.classify(log.message());
        if (match == null) {
            return true;
        }
        long time = event.time().toEpochMilli();
        ServiceState s = state.service(name);
        s.lastLogAt = Math.max(s.lastLogAt, time);
        boolean failedStatus = match.kind() == LogKind.ORDER_STATUS && patterns.isFailedStatus(match.status());
        if (match.isError() || failedStatus) {
            s.error(time);
            changes.touch(name, false);
        }
        switch (match.kind()) {
            case DEPENDENCY_IO_ERROR, DEPENDENCY_TIMEOUT, CONNECTION_REFUSED -> {
                String callee = match.host() == null ? null : topology.resolve(match.host()).orElse(null);
                s.dependencyError(time, callee, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case CONSUMER_CONNECT_FAILED, PUBLISH_FAILED -> {
                String broker = topology.queues().stream()
                        .filter(q -> name.equals(q.consumer()) || name.equals(q.publisher()))
                        .map(QueueEdge::broker).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                s.dependencyError(time, broker, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case ORDER_STATUS -> {
                if (failedStatus) {
                    s.failedItem(match.id(), time, match.status(), event.id());
                    changes.touch(name, true);
                }
            }
            case PUBLISH -> {
                s.published(time, ref(time, SourceType.LOG, log.message(), event.id()));
                queues.publishedToQueues(name, s, time, state, changes);
                changes.touch(name, false);
            }
            case CONSUME -> {
                s.consumed(time);
                changes.touch(name, false);
            }
            case CIRCUIT_OPEN -> {
                s.circuitOpen(time, ref(time, SourceType.LOG, log.message(), event.id()));
                changes.touch(name, true);
            }
            case DATASTORE_ERROR -> {
                s.datastoreError(time);
                changes.touch(name, true);
            }
            case DURATION, ACCESS -> {
                if (!Double.isNaN(match.durationMs())) {
                    s.latency(time, match.durationMs(), ref(time, SourceType.LOG, log.message(), event.id()));
                    changes.touch(name, false);
                }
            }
        }
        return true;
    }
}
