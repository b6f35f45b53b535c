package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.CallEdge;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.finding.SourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code datastore-throttle-cascade} (guide incident 8): a datastore's CPU sits at its (often just
 * lowered) limit, then its caller slows down, then the caller's circuit breaker opens or its datastore
 * calls fail. The finding tells the chain with timestamps; the root cause is the datastore. A
 * datastore at its limit whose callers are fine is resource-saturation, not this.
 */
public final class DatastoreThrottleCascadeDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.DATASTORE_THROTTLE_CASCADE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 30;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        List<Match> out = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (CallEdge edge : ctx.topology().datastores()) {
            if (done.contains(edge.to())) {
                continue;
            }
            ServiceState store = ctx.state(edge.to());
            long highSince = store.cpuHighSince(ctx.now(), ctx.settings().activeWindow().toMillis());
            if (highSince == 0) {
                continue;
            }
            Match m = match(ctx, edge.to(), store, highSince);
            if (m != null) {
                // Throttling over: late caller logs still complete the numbers, but nothing new opens.
                out.add(store.cpuHighSince > 0 ? m : m.recovering());
                done.add(edge.to());
            }
        }
        return out;
    }

    private Match match(DetectionContext ctx, String storeName, ServiceState store, long highSince) {
        long start = highSince;
        long until = store.cpuHighSince > 0 ? ctx.now() : store.cpuHighEnd;
        if (store.cpuLimitLoweredAt > 0 && store.cpuLimitLoweredAt <= start) {
            start = store.cpuLimitLoweredAt;
        }
        List<String> slowed = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        if (store.limitChange != null && store.cpuLimitLoweredAt > 0) {
            DetectionContext.add(evidence, store.limitChange, storeName);
            chain.add(Format.clock(store.cpuLimitLoweredAt) + " " + storeName + " CPU limit lowered to "
                    + Format.cpu(store.cpuLimitMilli) + (store.previousCpuLimitMilli > 0
                    ? " from " + Format.cpu(store.previousCpuLimitMilli) : " from none"));
        }
        DetectionContext.add(evidence, store.cpuHighEvidence, storeName);
        chain.add(Format.clock(highSince) + " " + storeName + " CPU at " + Format.percent(store.peakCpuRatio)
                + " of its " + Format.cpu(store.cpuLimitMilli) + " limit (throttled)");
        long detected = Long.MAX_VALUE;
        long last = Math.max(store.cpuTime, start);
        double peak = Double.NaN;
        double base = Double.NaN;
        long errors = 0;
        for (String callerName : ctx.topology().callers(storeName)) {
            ServiceState caller = ctx.state(callerName);
            OptionalDouble ratio = ctx.latencyRatio(caller);
            boolean slow = ratio.isPresent() && ratio.getAsDouble() >= ctx.settings().cascadeLatencyRatio()
                    && caller.latencyTime >= start;
            boolean open = caller.circuitOpenLast >= start;
            boolean failing = caller.datastoreErrorFirst >= start;
            if (!slow && !open && !failing) {
                continue;
            }
            slowed.add(callerName);
            errors += caller.errors.between(start, until);
            if (slow) {
                OptionalDouble p = caller.latency.peakSince(start, ctx.now());
                OptionalDouble b = caller.latency.baseline(ctx.now());
                peak = Double.isNaN(peak) ? p.orElse(Double.NaN) : Math.max(peak, p.orElse(peak));
                base = b.orElse(base);
                long crossed = caller.latency.firstSlotAtOrAbove(b.orElse(0) * ctx.settings().cascadeLatencyRatio(),
                        start, ctx.now());
                long slowSince = Math.max(start, crossed > 0 ? crossed : caller.latencyTime);
                EvidenceRef l = caller.latencyEvidence;
                if (l != null) {
                    evidence.add(new Evidence(java.time.Instant.ofEpochMilli(l.time()), SourceType.LOG, callerName,
                            callerName + " latency " + Format.ratio(ratio.getAsDouble()) + " its baseline: " + l.summary(),
                            l.eventId() == null ? List.of() : List.of(l.eventId())));
                }
                chain.add(Format.clock(slowSince) + " " + callerName + " latency " + Format.ratio(ratio.getAsDouble())
                        + " its baseline (" + Format.ms(b.orElse(0)) + " -> " + Format.ms(caller.latency.recent(ctx.now()).orElse(0)) + ")");
                detected = Math.min(detected, slowSince);
            }
            if (open) {
                DetectionContext.add(evidence, caller.circuitOpenEvidence, callerName);
                chain.add(Format.clock(caller.circuitOpenFirst) + " " + callerName + " circuit breaker open ("
                        + caller.circuitOpenCount + " line(s))");
                detected = Math.min(detected, Math.max(start, caller.circuitOpenFirst));
                last = Math.max(last, caller.circuitOpenLast);
            }
            if (failing) {
                detected = Math.min(detected, Math.max(start, caller.datastoreErrorFirst));
                chain.add(Format.clock(caller.datastoreErrorFirst) + " " + callerName + " datastore errors ("
                        + caller.datastoreErrors + ")");
            }
        }
        if (slowed.isEmpty()) {
            return null;
        }
        List<String> affected = new ArrayList<>();
        affected.add(storeName);
        affected.addAll(slowed);
        ctx.topology().upstreamOf(storeName).stream().filter(s -> !affected.contains(s)).forEach(affected::add);
        chain.sort(null); // "HH:mm:ss ..." lines: the causal chain in time order
        List<String> reasons = new ArrayList<>(chain);
        if (store.cpuLimitLoweredAt == 0) {
            reasons.add("no limit change seen: throttling at an unchanged limit");
        }
        String deployment = ctx.deploymentOf(storeName);
        RootCause rootCause = new RootCause(storeName, "Deployment", deployment,
                "CPU throttled at its " + Format.cpu(store.cpuLimitMilli) + " limit: queries slow down and callers time out");
        Impact impact = new Impact(null, null, null, errors, null, null,
                Double.isNaN(peak) ? null : Format.round(peak), Double.isNaN(base) ? null : Format.round(base),
                null, null, null);
        Remediation remediation = new Remediation(
                List.of(ctx.kubectl("set resources deployment/" + deployment + " --limits=cpu=500m,memory=512Mi")),
                List.of("Size " + storeName + " requests and limits from its measured usage, with headroom",
                        "Alert on CPU throttling of datastores before callers time out",
                        "Tune the callers' circuit breakers and timeouts so a slow datastore degrades gracefully"));
        return new Match(signature(), version(), precedence(), FaultType.RESOURCE_THROTTLING, rootCause, Severity.HIGH,
                store.cpuLimitLoweredAt > 0 ? 0.9 : 0.8, reasons,
                storeName + " CPU-throttled: " + String.join(", ", slowed) + " slowed down and failing",
                storeName + " is CPU-throttled at its " + Format.cpu(store.cpuLimitMilli) + " limit since "
                        + Format.clock(start) + ", and the slowdown cascaded to " + String.join(", ", slowed) + ".",
                affected, suspects(storeName, slowed), DetectionContext.sorted(evidence),
                impact, remediation, start, detected == Long.MAX_VALUE ? start : detected, last);
    }

    /** The datastore and the callers it slowed: the services further up only see the effect. */
    private static List<String> suspects(String store, List<String> slowed) {
        List<String> out = new ArrayList<>();
        out.add(store);
        out.addAll(slowed);
        return out;
    }
}
