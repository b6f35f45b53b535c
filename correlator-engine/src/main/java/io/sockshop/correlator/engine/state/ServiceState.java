package io.sockshop.correlator.engine.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the correlator knows about one service of one application, in event time (epoch ms; 0 means
 * never). One small entry per service in the service-state store, so a record touches one entry.
 * Every list and map is bounded. Updates are written so that late records within the grace period
 * give the same state: counters add, "since" times take the minimum, gauges keep the newest sample.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ServiceState {

    static final int MAX_RESTARTS = 32;
    static final int MAX_PODS = 64;
    static final int MAX_FAILED = 100;
    static final int MAX_PUBLISHES = 64;

    public String service;

    // Deployment (or replica metrics)
    public long replicasTime;
    public int desired = -1;
    public int available = -1;
    public long unavailableSince;
    /** The last outage that ended: when it started and when a replica was available again. */
    public long outageStart;
    public long outageEnd;
    /** Desired replicas when the current (or last) outage began: 0 means it was scaled to 0. */
    public int desiredAtOutage = -1;
    public EvidenceRef unavailableEvidence;
    public EvidenceRef scaledToZero;

    // Resources (millicores, bytes); 0 = no limit known
    public long cpuLimitMilli;
    public long memLimitBytes;
    public long limitsTime;
    public long previousCpuLimitMilli;
    public long cpuLimitLoweredAt;
    public EvidenceRef limitChange;

    // Pods and restarts
    public Map<String, Integer> podRestarts = new HashMap<>();
    public Map<String, String> podWaiting = new HashMap<>();
    public List<RestartRecord> restarts = new ArrayList<>();
    public long crashLoopSince;
    public EvidenceRef crashLoop;
    /** Kubelet Events: probe failures (Unhealthy), back-offs (BackOff), kills (Killing). */
    public MinuteCounter probeFailures = new MinuteCounter();
    public EvidenceRef lastProbeFailure;
    public EvidenceRef lastBackOff;
    public EvidenceRef lastKilling;

    // Metrics
    public double cpuMilli = Double.NaN;
    public long cpuTime;
    public double memBytes = Double.NaN;
    public long memTime;
    public long cpuHighSince;
    /** The last stretch at the CPU limit that ended: when it began and when usage dropped below. */
    public long cpuHighStart;
    public long cpuHighEnd;
    public long memHighSince;
    public double peakCpuRatio;
    public double peakMemRatio;
    public EvidenceRef cpuHighEvidence;
    public EvidenceRef memHighEvidence;
    public double throttledPeriods = Double.NaN;
    public long throttledTime;
    public SlotBaseline latency = new SlotBaseline();
    public long latencyTime;
    public EvidenceRef latencyEvidence;
    /** Learned baselines of CPU (millicores) and memory working set (bytes), per pod; the newest sample of each. */
    public ResourceBaseline cpuUsage = new ResourceBaseline();
    public ResourceBaseline memUsage = new ResourceBaseline();
    public EvidenceRef cpuSample;
    public EvidenceRef memSample;
    public double queueDepth = Double.NaN;
    public long queueDepthTime;
    public double queueConsumers = Double.NaN;
    public long queueConsumersTime;

    // Logs
    public long lastLogAt;
    public MinuteCounter errors = new MinuteCounter();
    public long errorTotal;
    public Map<String, Long> refusedByCallee = new HashMap<>();
    public long dependencyErrorFirst;
    public long dependencyErrorLast;
    public long dependencyErrors;
    public EvidenceRef dependencyErrorEvidence;
    public List<FailedItem> failed = new ArrayList<>();
    public long failedDropped;
    public long circuitOpenFirst;
    public long circuitOpenLast;
    public long circuitOpenCount;
    public EvidenceRef circuitOpenEvidence;
    public long datastoreErrors;
    public long datastoreErrorFirst;
    public List<Long> publishTimes = new ArrayList<>();
    public long publishedTotal;
    public EvidenceRef publishEvidence;
    public long consumedLast;
    public long consumedTotal;

    public ServiceState() {
    }

    public ServiceState(String service) {
        this.service = service;
    }

    /** A failed business transaction (an order that ended PAYMENT_FAILED). */
    public record FailedItem(String id, long time, String status, String eventId) {
    }

    // ---- Kubernetes ----

    /** A replica count observation; returns true when availability changed. */
    public boolean replicas(long time, int desiredNow, int availableNow, EvidenceRef evidence) {
        if (time < replicasTime) {
            if (availableNow == 0 && available == 0 && unavailableSince > time) {
                unavailableSince = time; // a late, earlier observation of the same outage
                unavailableEvidence = evidence;
                return true;
            }
            return false;
        }
        boolean wasUnavailable = available == 0;
        replicasTime = time;
        desired = desiredNow;
        int before = available;
        available = availableNow;
        if (availableNow == 0 && !wasUnavailable) {
            unavailableSince = time;
            unavailableEvidence = evidence;
            desiredAtOutage = desiredNow;
        } else if (availableNow > 0) {
            if (wasUnavailable && unavailableSince > 0) {
                outageStart = unavailableSince;
                outageEnd = time;
            }
            unavailableSince = 0;
        }
        return before != availableNow;
    }

    public boolean unavailable() {
        return available == 0;
    }

    /** Start of the current outage, or of the last one if it ended within {@code recentMs} before {@code now}; 0 if none. */
    public long outageSince(long now, long recentMs) {
        if (unavailable() && unavailableSince > 0) {
            return unavailableSince;
        }
        return outageEnd > 0 && now - outageEnd <= recentMs ? outageStart : 0;
    }

    /** End of the outage starting at {@code since}: now while it lasts. */
    public long outageUntil(long since, long now) {
        return unavailable() && unavailableSince == since ? now : outageEnd;
    }

    /** Limits from a Deployment or Pod spec; returns true when the CPU limit changed. */
    public boolean limits(long time, long cpuMilli, long memBytes, EvidenceRef evidence) {
        if (time < limitsTime) {
            return false;
        }
        boolean changed = limitsTime > 0 && cpuMilli != cpuLimitMilli;
        if (changed) {
            previousCpuLimitMilli = cpuLimitMilli;
            if (cpuMilli > 0 && (cpuLimitMilli == 0 || cpuMilli < cpuLimitMilli)) {
                cpuLimitLoweredAt = time;
                limitChange = evidence;
            } else {
                cpuLimitLoweredAt = 0;
            }
        }
        limitsTime = time;
        cpuLimitMilli = cpuMilli;
        if (memBytes > 0 || limitsTime > 0) {
            memLimitBytes = memBytes;
        }
        return changed;
    }

    /** A container's restart count on one pod; returns true when it grew (a new restart). */
    public boolean restartCount(String pod, int count, long terminatedAt, String reason, Integer exitCode, String eventId) {
        Integer before = podRestarts.get(pod);
        if (before == null && podRestarts.size() >= MAX_PODS) {
            return false;
        }
        if (before != null && count <= before) {
            return false;
        }
        podRestarts.put(pod, count);
        if (before == null && count > 0 && reason == null) {
            return false; // restarts from before we started watching, without a termination to show
        }
        if (before == null && count > 0 || before != null) {
            restarts.add(new RestartRecord(terminatedAt, pod, reason, exitCode, eventId));
            restarts.sort(java.util.Comparator.comparingLong(RestartRecord::time));
            while (restarts.size() > MAX_RESTARTS) {
                restarts.remove(0);
            }
            return true;
        }
        return false;
    }

    public void podGone(String pod) {
        podWaiting.remove(pod);
    }

    /** A container's waiting reason on one pod; returns true when the service's crash-loop state changed. */
    public boolean waiting(String pod, String reason, long time, EvidenceRef evidence) {
        boolean wasLooping = crashLoopSince > 0;
        if (reason == null) {
            podWaiting.remove(pod);
        } else if (podWaiting.size() < MAX_PODS || podWaiting.containsKey(pod)) {
            podWaiting.put(pod, reason);
        }
        boolean looping = podWaiting.containsValue("CrashLoopBackOff");
        if (looping && (!wasLooping || time < crashLoopSince)) {
            crashLoopSince = time;
            crashLoop = evidence;
        } else if (!looping) {
            crashLoopSince = 0;
        }
        return looping != wasLooping;
    }

    /**
     * The restarts of the current episode: the latest restart, if it is within {@code window} before
     * {@code now}, and every earlier one reachable through gaps shorter than {@code window}. An episode
     * does not shrink as time passes, unlike a sliding window.
     */
    public List<RestartRecord> episode(long now, long window) {
        List<RestartRecord> out = new ArrayList<>();
        long next = now;
        for (int i = restarts.size() - 1; i >= 0; i--) {
            RestartRecord r = restarts.get(i);
            if (r.time() > now) {
                continue;
            }
            if (next - r.time() > window) {
                break;
            }
            out.add(0, r);
            next = r.time();
        }
        return out;
    }

    public int restartsBetween(long from, long to) {
        int n = 0;
        for (RestartRecord r : restarts) {
            if (r.time() >= from && r.time() <= to) {
                n++;
            }
        }
        return n;
    }

    public int oomKillsBetween(long from, long to) {
        int n = 0;
        for (RestartRecord r : restarts) {
            if (r.oomKilled() && r.time() >= from && r.time() <= to) {
                n++;
            }
        }
        return n;
    }

    // ---- Metrics ----

    /** CPU usage in millicores; tracks how long it has sat at or above {@code highRatio} of the limit. */
    public void cpu(long time, double milli, double highRatio, java.util.function.Supplier<EvidenceRef> evidence) {
        if (time < cpuTime) {
            return;
        }
        cpuTime = time;
        cpuMilli = milli;
        double ratio = cpuRatio();
        if (Double.isNaN(ratio) && cpuLimitMilli > 0) {
            return;
        }
        if (!Double.isNaN(ratio)) {
            peakCpuRatio = Math.max(peakCpuRatio, ratio);
        }
        // No limit (lifted, as a restore does): nothing to be at, so a stretch at the limit ends here.
        if (!Double.isNaN(ratio) && ratio >= highRatio) {
            if (cpuHighSince == 0) {
                cpuHighSince = time;
                cpuHighEvidence = evidence.get();
            }
        } else {
            if (cpuHighSince > 0) {
                cpuHighStart = cpuHighSince;
                cpuHighEnd = time;
            }
            cpuHighSince = 0;
        }
    }

    /** Start of the current stretch at the CPU limit, or of the last one if it ended within {@code recentMs}; 0 if none. */
    public long cpuHighSince(long now, long recentMs) {
        if (cpuHighSince > 0) {
            return cpuHighSince;
        }
        return cpuHighEnd > 0 && now - cpuHighEnd <= recentMs ? cpuHighStart : 0;
    }

    public void memory(long time, double bytes, double highRatio, java.util.function.Supplier<EvidenceRef> evidence) {
        if (time < memTime) {
            return;
        }
        memTime = time;
        memBytes = bytes;
        double ratio = memRatio();
        if (Double.isNaN(ratio) && memLimitBytes > 0) {
            return;
        }
        if (!Double.isNaN(ratio)) {
            peakMemRatio = Math.max(peakMemRatio, ratio);
        }
        // No limit (lifted): memory cannot be at it, so a stretch at the limit ends here.
        if (!Double.isNaN(ratio) && ratio >= highRatio) {
            if (memHighSince == 0) {
                memHighSince = time;
                memHighEvidence = evidence.get();
            }
        } else {
            memHighSince = 0;
        }
    }

    public double cpuRatio() {
        return cpuLimitMilli > 0 && !Double.isNaN(cpuMilli) ? cpuMilli / cpuLimitMilli : Double.NaN;
    }

    public double memRatio() {
        return memLimitBytes > 0 && !Double.isNaN(memBytes) ? memBytes / memLimitBytes : Double.NaN;
    }

    /** A CPU (millicores) or memory (bytes) sample of one pod, for the learned baselines. */
    public void usage(boolean cpu, String pod, long time, double value, EvidenceRef evidence) {
        (cpu ? cpuUsage : memUsage).add(pod, time, value);
        EvidenceRef last = cpu ? cpuSample : memSample;
        if (last == null || time >= last.time()) {
            if (cpu) {
                cpuSample = evidence;
            } else {
                memSample = evidence;
            }
        }
    }

    public void latency(long time, double ms, EvidenceRef evidence) {
        latency.add(time, ms);
        if (time >= latencyTime) {
            latencyTime = time;
            latencyEvidence = evidence;
        }
    }

    // ---- Logs ----

    public void error(long time) {
        errors.add(time);
        errorTotal++;
    }

    /** Errors counted by a metric point (e.g. {@code trace.http.request.errors}). */
    public void errors(long time, int n) {
        if (n > 0) {
            errors.add(time, n);
            errorTotal += n;
        }
    }

    public void dependencyError(long time, String callee, EvidenceRef evidence) {
        dependencyErrors++;
        refusedByCallee.merge(callee == null ? "" : callee, 1L, Long::sum);
        if (dependencyErrorFirst == 0 || time < dependencyErrorFirst) {
            dependencyErrorFirst = time;
            dependencyErrorEvidence = evidence;
        }
        dependencyErrorLast = Math.max(dependencyErrorLast, time);
    }

    public void failedItem(String id, long time, String status, String eventId) {
        if (id != null) {
            for (FailedItem f : failed) {
                if (id.equals(f.id())) {
                    return;
                }
            }
        }
        failed.add(new FailedItem(id, time, status, eventId));
        failed.sort(java.util.Comparator.comparingLong(FailedItem::time));
        if (failed.size() > MAX_FAILED) {
            failed.remove(0);
            failedDropped++;
        }
    }

    public void circuitOpen(long time, EvidenceRef evidence) {
        circuitOpenCount++;
        if (circuitOpenFirst == 0 || time < circuitOpenFirst) {
            circuitOpenFirst = time;
            circuitOpenEvidence = evidence;
        }
        circuitOpenLast = Math.max(circuitOpenLast, time);
    }

    public void datastoreError(long time) {
        datastoreErrors++;
        if (datastoreErrorFirst == 0 || time < datastoreErrorFirst) {
            datastoreErrorFirst = time;
        }
    }

    public void published(long time, EvidenceRef evidence) {
        publishedTotal++;
        publishTimes.add(time);
        publishTimes.sort(null);
        if (publishTimes.size() > MAX_PUBLISHES) {
            publishTimes.remove(0);
        }
        if (publishEvidence == null || time >= publishEvidence.time()) {
            publishEvidence = evidence;
        }
    }

    /** Publishes at or after {@code since} among the remembered ones (the last {@value #MAX_PUBLISHES}). */
    public long publishedSince(long since) {
        long n = 0;
        for (long t : publishTimes) {
            if (t >= since) {
                n++;
            }
        }
        return n;
    }

    public void consumed(long time) {
        consumedTotal++;
        consumedLast = Math.max(consumedLast, time);
    }
}
