package io.sockshop.correlator.engine.state;

import io.sockshop.correlator.model.finding.SourceType;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A compact binary serde for {@link ServiceState}: the entry is written on every record that changes a
 * service, and JSON cost several microseconds and kilobytes per write. The first byte is the format
 * version; a new field means a new version, and a reader of version N reads every version up to N.
 * Version 2 appended the learned resource baselines.
 */
public final class ServiceStateSerde implements Serde<ServiceState> {

    static final byte VERSION = 2;
    /** Version 1 had no learned resource baselines: they start empty. */
    static final byte VERSION_WITHOUT_RESOURCE_BASELINES = 1;

    @Override
    public Serializer<ServiceState> serializer() {
        return (topic, s) -> s == null ? null : write(s);
    }

    @Override
    public Deserializer<ServiceState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(ServiceState s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            DataOutputStream o = new DataOutputStream(bytes);
            o.writeByte(VERSION);
            str(o, s.service);
            o.writeLong(s.replicasTime);
            o.writeInt(s.desired);
            o.writeInt(s.available);
            o.writeLong(s.unavailableSince);
            o.writeLong(s.outageStart);
            o.writeLong(s.outageEnd);
            o.writeInt(s.desiredAtOutage);
            ev(o, s.unavailableEvidence);
            ev(o, s.scaledToZero);
            o.writeLong(s.cpuLimitMilli);
            o.writeLong(s.memLimitBytes);
            o.writeLong(s.limitsTime);
            o.writeLong(s.previousCpuLimitMilli);
            o.writeLong(s.cpuLimitLoweredAt);
            ev(o, s.limitChange);
            o.writeInt(s.podRestarts.size());
            for (Map.Entry<String, Integer> e : s.podRestarts.entrySet()) {
                o.writeUTF(e.getKey());
                o.writeInt(e.getValue());
            }
            o.writeInt(s.podWaiting.size());
            for (Map.Entry<String, String> e : s.podWaiting.entrySet()) {
                o.writeUTF(e.getKey());
                o.writeUTF(e.getValue());
            }
            o.writeInt(s.restarts.size());
            for (RestartRecord r : s.restarts) {
                o.writeLong(r.time());
                str(o, r.pod());
                str(o, r.reason());
                o.writeInt(r.exitCode() == null ? Integer.MIN_VALUE : r.exitCode());
                str(o, r.eventId());
            }
            o.writeLong(s.crashLoopSince);
            ev(o, s.crashLoop);
            blob(o, s.probeFailures.pack());
            ev(o, s.lastProbeFailure);
            ev(o, s.lastBackOff);
            ev(o, s.lastKilling);
            o.writeDouble(s.cpuMilli);
            o.writeLong(s.cpuTime);
            o.writeDouble(s.memBytes);
            o.writeLong(s.memTime);
            o.writeLong(s.cpuHighSince);
            o.writeLong(s.cpuHighStart);
            o.writeLong(s.cpuHighEnd);
            o.writeLong(s.memHighSince);
            o.writeDouble(s.peakCpuRatio);
            o.writeDouble(s.peakMemRatio);
            ev(o, s.cpuHighEvidence);
            ev(o, s.memHighEvidence);
            o.writeDouble(s.throttledPeriods);
            o.writeLong(s.throttledTime);
            blob(o, s.latency.pack());
            o.writeLong(s.latencyTime);
            ev(o, s.latencyEvidence);
            o.writeDouble(s.queueDepth);
            o.writeLong(s.queueDepthTime);
            o.writeDouble(s.queueConsumers);
            o.writeLong(s.queueConsumersTime);
            o.writeLong(s.lastLogAt);
            blob(o, s.errors.pack());
            o.writeLong(s.errorTotal);
            o.writeInt(s.refusedByCallee.size());
            for (Map.Entry<String, Long> e : s.refusedByCallee.entrySet()) {
                o.writeUTF(e.getKey());
                o.writeLong(e.getValue());
            }
            o.writeLong(s.dependencyErrorFirst);
            o.writeLong(s.dependencyErrorLast);
            o.writeLong(s.dependencyErrors);
            ev(o, s.dependencyErrorEvidence);
            o.writeInt(s.failed.size());
            for (ServiceState.FailedItem f : s.failed) {
                str(o, f.id());
                o.writeLong(f.time());
                str(o, f.status());
                str(o, f.eventId());
            }
            o.writeLong(s.failedDropped);
            o.writeLong(s.circuitOpenFirst);
            o.writeLong(s.circuitOpenLast);
            o.writeLong(s.circuitOpenCount);
            ev(o, s.circuitOpenEvidence);
            o.writeLong(s.datastoreErrors);
            o.writeLong(s.datastoreErrorFirst);
            o.writeInt(s.publishTimes.size());
            for (long t : s.publishTimes) {
                o.writeLong(t);
            }
            o.writeLong(s.publishedTotal);
            ev(o, s.publishEvidence);
            o.writeLong(s.consumedLast);
            o.writeLong(s.consumedTotal);
            s.cpuUsage.write(o);
            s.memUsage.write(o);
            ev(o, s.cpuSample);
            ev(o, s.memSample);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write service state of " + s.service + ": " + e.getMessage(), e);
        }
    }

    static ServiceState read(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_WITHOUT_RESOURCE_BASELINES) {
                throw new SerializationException("service state format version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            ServiceState s = new ServiceState(str(in));
            s.replicasTime = in.readLong();
            s.desired = in.readInt();
            s.available = in.readInt();
            s.unavailableSince = in.readLong();
            s.outageStart = in.readLong();
            s.outageEnd = in.readLong();
            s.desiredAtOutage = in.readInt();
            s.unavailableEvidence = ev(in);
            s.scaledToZero = ev(in);
            s.cpuLimitMilli = in.readLong();
            s.memLimitBytes = in.readLong();
            s.limitsTime = in.readLong();
            s.previousCpuLimitMilli = in.readLong();
            s.cpuLimitLoweredAt = in.readLong();
            s.limitChange = ev(in);
            for (int i = in.readInt(); i > 0; i--) {
                s.podRestarts.put(in.readUTF(), in.readInt());
            }
            for (int i = in.readInt(); i > 0; i--) {
                s.podWaiting.put(in.readUTF(), in.readUTF());
            }
            for (int i = in.readInt(); i > 0; i--) {
                long time = in.readLong();
                String pod = str(in);
                String reason = str(in);
                int exit = in.readInt();
                s.restarts.add(new RestartRecord(time, pod, reason, exit == Integer.MIN_VALUE ? null : exit, str(in)));
            }
            s.crashLoopSince = in.readLong();
            s.crashLoop = ev(in);
            s.probeFailures = MinuteCounter.unpack(ByteBuffer.wrap(blob(in)));
            s.lastProbeFailure = ev(in);
            s.lastBackOff = ev(in);
            s.lastKilling = ev(in);
            s.cpuMilli = in.readDouble();
            s.cpuTime = in.readLong();
            s.memBytes = in.readDouble();
            s.memTime = in.readLong();
            s.cpuHighSince = in.readLong();
            s.cpuHighStart = in.readLong();
            s.cpuHighEnd = in.readLong();
            s.memHighSince = in.readLong();
            s.peakCpuRatio = in.readDouble();
            s.peakMemRatio = in.readDouble();
            s.cpuHighEvidence = ev(in);
            s.memHighEvidence = ev(in);
            s.throttledPeriods = in.readDouble();
            s.throttledTime = in.readLong();
            s.latency = SlotBaseline.unpack(ByteBuffer.wrap(blob(in)));
            s.latencyTime = in.readLong();
            s.latencyEvidence = ev(in);
            s.queueDepth = in.readDouble();
            s.queueDepthTime = in.readLong();
            s.queueConsumers = in.readDouble();
            s.queueConsumersTime = in.readLong();
            s.lastLogAt = in.readLong();
            s.errors = MinuteCounter.unpack(ByteBuffer.wrap(blob(in)));
            s.errorTotal = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                s.refusedByCallee.put(in.readUTF(), in.readLong());
            }
            s.dependencyErrorFirst = in.readLong();
            s.dependencyErrorLast = in.readLong();
            s.dependencyErrors = in.readLong();
            s.dependencyErrorEvidence = ev(in);
            for (int i = in.readInt(); i > 0; i--) {
                String id = str(in);
                long time = in.readLong();
                String status = str(in);
                s.failed.add(new ServiceState.FailedItem(id, time, status, str(in)));
            }
            s.failedDropped = in.readLong();
            s.circuitOpenFirst = in.readLong();
            s.circuitOpenLast = in.readLong();
            s.circuitOpenCount = in.readLong();
            s.circuitOpenEvidence = ev(in);
            s.datastoreErrors = in.readLong();
            s.datastoreErrorFirst = in.readLong();
            for (int i = in.readInt(); i > 0; i--) {
                s.publishTimes.add(in.readLong());
            }
            s.publishedTotal = in.readLong();
            s.publishEvidence = ev(in);
            s.consumedLast = in.readLong();
            s.consumedTotal = in.readLong();
            if (version >= VERSION) {
                s.cpuUsage = ResourceBaseline.read(in);
                s.memUsage = ResourceBaseline.read(in);
                s.cpuSample = ev(in);
                s.memSample = ev(in);
            }
            return s;
        } catch (IOException e) {
            throw new SerializationException("cannot read service state: " + e.getMessage(), e);
        }
    }

    private static void str(DataOutputStream o, String s) throws IOException {
        o.writeBoolean(s != null);
        if (s != null) {
            o.writeUTF(s);
        }
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void ev(DataOutputStream o, EvidenceRef e) throws IOException {
        o.writeBoolean(e != null);
        if (e != null) {
            o.writeLong(e.time());
            o.writeByte(e.source().ordinal());
            str(o, e.summary());
            str(o, e.eventId());
        }
    }

    private static EvidenceRef ev(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long time = in.readLong();
        SourceType source = SourceType.values()[in.readByte()];
        return new EvidenceRef(time, source, str(in), str(in));
    }

    private static void blob(DataOutputStream o, byte[] b) throws IOException {
        o.writeInt(b.length);
        o.write(b);
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
