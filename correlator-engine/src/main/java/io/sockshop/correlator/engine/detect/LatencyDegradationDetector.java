package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * {@code latency-degradation} (guide incident 4): latency many times its baseline, with high CPU on
 * the slow service and no restart anywhere. Root cause: the slow service whose CPU is highest against
 * its limit. Guards: a light load (ratio under {@code latencyRatio} or under {@code latencyMinMs}),
 * any restart in the window (crash shapes: the match only holds an open incident, see
 * {@link Match#asHolding()}), and slowness without a CPU-bound service (a slow dependency is another
 * signature's business).
 */
public final class LatencyDegradationDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.LATENCY_DEGRADATION;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 60;
    }

    record Slow(String service, ServiceState state, double ratio, double recent, double base) {
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        long from = ctx.windowStart();
        boolean crashing = false;
        List<Slow> slow = new ArrayList<>();
        for (var def : ctx.topology().services()) {
            ServiceState s = ctx.state(def.name());
            crashing |= s.restartsBetween(from, ctx.now()) > 0 || s.crashLoopSince > 0;
            OptionalDouble ratio = ctx.latencyRatio(s);
            OptionalDouble recent = s.latency.recent(ctx.now());
            if (ratio.isPresent() && ratio.getAsDouble() >= ctx.settings().latencyRatio()
                    && recent.getAsDouble() >= ctx.settings().latencyMinMs()) {
                slow.add(new Slow(def.name(), s, ratio.getAsDouble(), recent.getAsDouble(),
                        s.latency.baseline(ctx.now()).getAsDouble()));
            }
        }
        Slow root = slow.stream().filter(x -> x.state().cpuRatio() >= ctx.settings().highCpuRatio())
                .max(Comparator.comparingDouble((Slow x) -> x.state().cpuRatio()).thenComparing(Slow::service,
                        Comparator.reverseOrder()))
                .orElse(null);
        // No slow service at its CPU limit: one far above its learned CPU baseline is CPU-bound too (no limit needed).
        double byBaseline = Double.NaN;
        if (root == null && ctx.settings().anomaly().cpuBoundByBaseline()) {
            root = slow.stream().filter(x -> ctx.cpuOverBaseline(x.state()).isPresent())
                    .max(Comparator.comparingDouble((Slow x) -> ctx.cpuOverBaseline(x.state()).getAsDouble())
                            .thenComparing(Slow::service, Comparator.reverseOrder()))
                    .orElse(null);
            byBaseline = root == null ? Double.NaN : ctx.cpuOverBaseline(root.state()).getAsDouble();
        }
        if (root == null) {
            return List.of();
        }
        slow.sort(Comparator.comparingDouble((Slow x) -> -x.ratio()).thenComparing(Slow::service));
        List<String> affected = new ArrayList<>();
        affected.add(root.service());
        slow.stream().map(Slow::service).filter(s -> !affected.contains(s)).forEach(affected::add);
        List<Evidence> evidence = new ArrayList<>();
        for (Slow s : slow) {
            if (s.state().latencyEvidence != null) {
                var l = s.state().latencyEvidence;
                evidence.add(new Evidence(Instant.ofEpochMilli(l.time()), l.source(), s.service(),
                        s.service() + " latency " + Format.ms(s.recent()) + ", " + Format.ratio(s.ratio())
                                + " its baseline of " + Format.ms(s.base()),
                        l.eventId() == null ? List.of() : List.of(l.eventId())));
            }
        }
        DetectionContext.add(evidence, root.state().cpuHighEvidence, root.service());
        ServiceState rs = root.state();
        double peak = rs.latency.recentPeak(ctx.now()).orElse(root.recent());
        long crossed = rs.latency.firstSlotAtOrAbove(Math.max(root.base() * ctx.settings().latencyRatio(),
                ctx.settings().latencyMinMs()), ctx.now());
        // Slow and CPU-bound: the signature holds from when both were true (a slot starts before the slowness in it).
        long detectedAt = Math.max(crossed > 0 ? crossed : ctx.now(), rs.cpuHighSince(ctx.now(), 0));
        long firstSeen = rs.cpuHighSince > 0 ? Math.min(rs.cpuHighSince, detectedAt) : detectedAt;
        List<String> reasons = new ArrayList<>();
        reasons.add(root.service() + " latency " + Format.ms(root.recent()) + " is " + Format.ratio(root.ratio())
                + " its baseline of " + Format.ms(root.base()));
        String cpuBound = Double.isNaN(byBaseline) ? "CPU at " + Format.percent(rs.cpuRatio()) + " of its limit"
                : "CPU at " + Format.ratio(byBaseline) + " its learned baseline" + (rs.cpuLimitMilli > 0 ? "" : ", no limit set");
        if (Double.isNaN(byBaseline)) {
            reasons.add(root.service() + " CPU at " + Format.percent(rs.cpuRatio()) + " of its "
                    + Format.cpu(rs.cpuLimitMilli) + " limit");
            ctx.usageAgainstBaseline(rs, true, rs.cpuMilli, firstSeen).ifPresent(reasons::add);
        } else {
            reasons.add(root.service() + " " + cpuBound + ": CPU-bound by its own normal");
        }
        reasons.add("no container restarted in the last " + Format.duration(ctx.settings().restartWindow()) + ": slow, not crashing");
        if (slow.size() > 1) {
            reasons.add("also slow: " + String.join(", ", affected.subList(1, affected.size())));
        }
        String deployment = ctx.deploymentOf(root.service());
        RootCause rootCause = new RootCause(root.service(), "Deployment", deployment,
                "CPU-bound (" + cpuBound + "): requests queue up");
        Impact impact = new Impact(0, null, 0, null, null, null, Format.round(peak), Format.round(root.base()), null,
                null, null);
        Remediation remediation = new Remediation(
                List.of(ctx.kubectl("scale deployment/" + deployment + " --replicas=3")),
                List.of("Add a HorizontalPodAutoscaler on CPU for " + root.service(),
                        "Alert on p95 latency over 1 s for 3 min, before it turns into crashes",
                        "Profile " + root.service() + " under load"));
        Match match = new Match(signature(), version(), precedence(), FaultType.PERFORMANCE_DEGRADATION, rootCause,
                root.ratio() >= 2 * ctx.settings().latencyRatio() ? Severity.HIGH : Severity.MEDIUM, 0.8, reasons,
                root.service() + " slow: latency " + Format.ratio(root.ratio()) + " its baseline, CPU-bound, no restarts",
                root.service() + " answers in " + Format.ms(root.recent()) + " instead of " + Format.ms(root.base())
                        + " with " + cpuBound + "; nothing restarted.",
                affected, affected, DetectionContext.sorted(evidence), impact, remediation,
                firstSeen, detectedAt, ctx.now());
        // Slow and CPU-bound, but something restarts: a crash signature is taking over. An open latency
        // incident stays (unchanged) until that one supersedes it; no new one opens.
        return List.of(crashing ? match.asHolding() : match);
    }
}
