package io.sockshop.correlator.api.kafka;

import io.sockshop.correlator.api.state.IncidentStore;
import io.sockshop.correlator.api.state.ScoreStore;
import io.sockshop.correlator.api.state.ServiceHealthStore;
import io.sockshop.correlator.api.stream.FindingsRing;
import io.sockshop.correlator.api.trace.OrderLogIndex;
import io.sockshop.correlator.api.trace.OrderLogParser;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.finding.Finding;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What each topic's records do to the in-memory state; keys are read as UTF-8 strings. */
public final class Sinks {

    private Sinks() {
    }

    public static Map<String, RecordSink> of(TopicNames topics, IncidentStore incidents, ScoreStore scores,
                                             ServiceHealthStore health, FindingsRing findings,
                                             OrderLogParser parser, OrderLogIndex orders) {
        EventCodec<Finding> findingCodec = new EventCodec<>(EventType.FINDING);
        EventCodec<DatadogLog> logCodec = new EventCodec<>(EventType.DATADOG_LOG);
        var incidentCodec = new EventCodec<>(EventType.INCIDENT);
        var scoreCodec = new EventCodec<>(EventType.SCORE);
        var healthCodec = new EventCodec<>(EventType.SERVICE_HEALTH);
        return Map.of(
                topics.incidents(), r -> incidents.apply(key(r.key()),
                        r.value() == null ? null : incidentCodec.decode(r.value()).data()),
                topics.scores(), r -> scores.apply(key(r.key()),
                        r.value() == null ? null : scoreCodec.decode(r.value()).data()),
                topics.serviceHealth(), r -> health.apply(key(r.key()),
                        r.value() == null ? null : healthCodec.decode(r.value()).data()),
                topics.findings(), r -> {
                    CloudEvent<Finding> event;
                    try {
                        event = findingCodec.decode(r.value());
                    } catch (RuntimeException e) {
                        findings.skip(r.partition(), r.offset());
                        throw e;
                    }
                    // Re-encoded: compact, one line, as an SSE data field needs.
                    String json = new String(findingCodec.encode(event), StandardCharsets.UTF_8);
                    findings.append(r.partition(), r.offset(), event.data(), json);
                },
                topics.logs(), r -> {
                    CloudEvent<DatadogLog> event = logCodec.decode(r.value());
                    String application = r.key() == null ? event.partitionkey() : key(r.key());
                    orders.add(parser.parse(application, event));
                });
    }

    private static String key(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }
}
