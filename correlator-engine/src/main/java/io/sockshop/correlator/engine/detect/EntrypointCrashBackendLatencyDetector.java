package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.RestartRecord;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;
import io.sockshop.correlator.model.finding.SourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code entrypoint-crash-backend-latency} (guide incident 2, the hybrid): the entrypoint restarts
 * repeatedly (not OOM-killed) while the backends behind it do not restart but get slower. Root cause:
 * the entrypoint as the capacity bottleneck. Not a full outage (HIGH, not CRITICAL) and not a backend
 * fault. Guards: any backend restart, an OOM kill of the entrypoint (that is exhaustion), backends
 * at their normal latency, or backends that slowed down only after the entrypoint's last restart.
 */
public final class EntrypointCrashBackendLatencyDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.ENTRYPOINT_CRASH_BACKEND_LATENCY;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 50;
    }

    /**
     * The backend was already slow when the entrypoint last restarted: the same load slowed it. A backend
     * that slows down only after the restarts ended (another incident, while the episode is still recent)
     * says nothing about them.
     */
    private static boolean slowBy(ServiceState backend, List<RestartRecord> restarts, DetectionContext ctx) {
        OptionalDouble base = backend.latency.baseline(ctx.now());
        if (base.isEmpty()) {
            return false;
        }
        long last = restarts.get(restarts.size() - 1).time();
        long from = restarts.get(0).time() - ctx.settings().restartWindow().toMillis();
        long slowSince = backend.latency.firstSlotAtOrAbove(base.getAsDouble() * ctx.settings().backendLatencyRatio(), from,
                ctx.now());
        return slowSince > 0 && slowSince <= last;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        String entry = ctx.topology().entrypoint();
        ServiceState e = ctx.state(entry);
        long from = ctx.windowStart();
        List<RestartRecord> restarts = e.episode(ctx.now(), ctx.settings().restartWindow().toMillis());
        if (restarts.size() < ctx.settings().entrypointMinRestarts() || restarts.stream().anyMatch(RestartRecord::oomKilled)) {
            return List.of();
        }
        List<String> slow = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        double peak = 0;
        double base = Double.NaN;
        for (var def : ctx.topology().services()) {
            if (def.name().equals(entry)) {
                continue;
            }
            ServiceState b = ctx.state(def.name());
            if (b.restartsBetween(from, ctx.now()) > 0) {
                return List.of();
            }
            OptionalDouble ratio = ctx.latencyRatio(b);
            if (ratio.isPresent() && ratio.getAsDouble() >= ctx.settings().backendLatencyRatio()
                    && slowBy(b, restarts, ctx)) {
                slow.add(def.name());
                double p = b.latency.peakSince(restarts.get(0).time() - ctx.settings().restartWindow().toMillis(), ctx.now())
                        .orElse(0);
                if (p > peak) {
                    peak = p;
                    base = b.latency.baseline(ctx.now()).orElse(Double.NaN);
                }
                if (b.latencyEvidence != null) {
                    evidence.add(new Evidence(Instant.ofEpochMilli(b.latencyEvidence.time()), b.latencyEvidence.source(),
                            def.name(), def.name() + " latency " + Format.ratio(ratio.getAsDouble()) + " its baseline, no restart",
                            b.latencyEvidence.eventId() == null ? List.of() : List.of(b.latencyEvidence.eventId())));
                }
            }
        }
        if (slow.isEmpty()) {
            return List.of();
        }
        long firstSeen = restarts.get(0).time();
        long detectedAt = restarts.get(ctx.settings().entrypointMinRestarts() - 1).time();
        for (RestartRecord r : restarts.subList(0, Math.min(3, restarts.size()))) {
            evidence.add(new Evidence(Instant.ofEpochMilli(r.time()), SourceType.K8S, entry,
                    "container of " + r.pod() + " terminated: " + r.reason() + " (exit " + r.exitCode() + ")",
                    r.eventId() == null ? List.of() : List.of(r.eventId())));
        }
        DetectionContext.add(evidence, e.crashLoop, entry);
        DetectionContext.add(evidence, e.cpuHighEvidence, entry);
        long errors = e.errors.between(firstSeen, ctx.now());
        List<String> reasons = new ArrayList<>();
        reasons.add(entry + " (entrypoint) restarted " + restarts.size() + " time(s), none OOMKilled");
        reasons.add("backends did not restart; " + String.join(", ", slow) + " slowed to " + Format.ms(peak)
                + (Double.isNaN(base) ? "" : " from " + Format.ms(base)));
        reasons.add(e.peakCpuRatio > 0 ? entry + " CPU peaked at " + Format.percent(e.peakCpuRatio) + " of its limit"
                : "no CPU metric for " + entry);
        String deployment = ctx.deploymentOf(entry);
        RootCause rootCause = new RootCause(entry, "Deployment", deployment,
                "the entrypoint cannot take the load: it restarts while the backends only slow down");
        List<String> affected = new ArrayList<>();
        affected.add(entry);
        affected.addAll(slow);
        List<String> localization = new ArrayList<>(affected);
        Impact impact = new Impact(restarts.size(), Map.of(entry, restarts.size()), 0, errors, null, null,
                Format.round(peak), Double.isNaN(base) ? null : Format.round(base), null, null, null);
        Remediation remediation = new Remediation(
                List.of(ctx.kubectl("scale deployment/" + deployment + " --replicas=3")),
                List.of("Add a HorizontalPodAutoscaler for " + entry + " (the single point of failure)",
                        "Load-balance the entrypoint over several replicas", "Raise " + entry + " CPU limits after a load test"));
        return List.of(new Match(signature(), version(), precedence(), FaultType.CAPACITY_BOTTLENECK, rootCause,
                Severity.HIGH, 0.85, reasons,
                entry + " is the bottleneck: it restarts under load while backends only slow down",
                entry + " restarted " + restarts.size() + " time(s) since " + Format.clock(firstSeen)
                        + " while " + String.join(", ", slow) + " stayed up but slowed down: intermittent availability, not a full outage.",
                affected, localization, DetectionContext.sorted(evidence), impact, remediation, firstSeen, detectedAt,
                restarts.get(restarts.size() - 1).time()));
    }
}
