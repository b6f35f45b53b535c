package io.sockshop.correlator.bench.micro;

import io.sockshop.correlator.bench.mix.RawRecord;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.engine.state.ServiceStateSerde;
import io.sockshop.correlator.model.CloudEvent;
import io.sockshop.correlator.model.EventCodec;
import io.sockshop.correlator.model.EventType;
import io.sockshop.correlator.model.datadog.DatadogLog;
import io.sockshop.correlator.model.datadog.MetricPoint;
import io.sockshop.correlator.model.k8s.K8sObject;
import io.sockshop.correlator.model.kafka.Topics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The serdes on the correlator's path: the contract's strict CloudEvent codec decoding each raw type
 * (what every input record costs before any correlation), encoding a log, and the compact binary
 * format of the service-state store entries (written once per changed entry per commit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private final EventCodec<DatadogLog> logCodec = new EventCodec<>(EventType.DATADOG_LOG);
    private final EventCodec<MetricPoint> metricCodec = new EventCodec<>(EventType.DATADOG_METRIC);
    private final EventCodec<K8sObject> k8sCodec = new EventCodec<>(EventType.K8S_OBJECT);
    private final ServiceStateSerde stateSerde = new ServiceStateSerde();
    private byte[] log;
    private byte[] metric;
    private byte[] pod;
    private CloudEvent<DatadogLog> logEvent;
    private ServiceState state;
    private byte[] stateBytes;

    @Setup
    public void setUp() {
        List<RawRecord> records = MicroData.records(2000);
        log = first(records, Topics.DATADOG_LOGS.name());
        metric = first(records, Topics.DATADOG_METRICS.name());
        pod = records.stream().filter(r -> r.topic().equals(Topics.K8S.name()) && new String(r.value()).contains("\"kind\":\"Pod\""))
                .findFirst().orElseThrow().value();
        logEvent = logCodec.decode(log);
        // The richest entry: front-end, with latency slots and counters filled by the steady traffic.
        state = MicroData.serviceStates(5000).entrySet().stream().filter(e -> e.getKey().endsWith("/front-end"))
                .findFirst().orElseThrow().getValue();
        stateBytes = stateSerde.serializer().serialize("", state);
    }

    private static byte[] first(List<RawRecord> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow().value();
    }

    @Benchmark
    public CloudEvent<DatadogLog> decodeLog() {
        return logCodec.decode(log);
    }

    @Benchmark
    public CloudEvent<MetricPoint> decodeMetric() {
        return metricCodec.decode(metric);
    }

    @Benchmark
    public CloudEvent<K8sObject> decodePod() {
        return k8sCodec.decode(pod);
    }

    @Benchmark
    public byte[] encodeLog() {
        return logCodec.encode(logEvent);
    }

    @Benchmark
    public byte[] serializeServiceState() {
        return stateSerde.serializer().serialize("", state);
    }

    @Benchmark
    public ServiceState deserializeServiceState() {
        return stateSerde.deserializer().deserialize("", stateBytes);
    }
}
