package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FaultType;
import io.sockshop.correlator.model.finding.Impact;
import io.sockshop.correlator.model.finding.Remediation;
import io.sockshop.correlator.model.finding.RootCause;
import io.sockshop.correlator.model.finding.Severity;
import io.sockshop.correlator.model.finding.Signatures;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code resource-saturation}: one service's CPU or memory sits at its limit for a sustained stretch
 * without crashing. The least specific signature: any other signature that covers the service
 * suppresses or supersedes it. Guards: a short spike under {@code saturationSustain}, a service that
 * restarted in the window.
 */
public final class ResourceSaturationDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.RESOURCE_SATURATION;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 70;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        long sustain = ctx.settings().saturationSustain().toMillis();
        List<Match> out = new ArrayList<>();
        for (var def : ctx.topology().services()) {
            ServiceState s = ctx.state(def.name());
            boolean cpu = s.cpuHighSince > 0 && ctx.now() - s.cpuHighSince >= sustain;
            boolean mem = s.memHighSince > 0 && ctx.now() - s.memHighSince >= sustain;
            if ((!cpu && !mem) || s.restartsBetween(ctx.windowStart(), ctx.now()) > 0) {
                continue;
            }
            long since = cpu && mem ? Math.min(s.cpuHighSince, s.memHighSince) : cpu ? s.cpuHighSince : s.memHighSince;
            List<Evidence> evidence = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            if (cpu) {
                DetectionContext.add(evidence, s.cpuHighEvidence, def.name());
                reasons.add("CPU at " + Format.percent(s.cpuRatio()) + " of its " + Format.cpu(s.cpuLimitMilli)
                        + " limit since " + Format.clock(s.cpuHighSince));
            }
            if (mem) {
                DetectionContext.add(evidence, s.memHighEvidence, def.name());
                reasons.add("memory at " + Format.percent(s.memRatio()) + " of its " + Format.mib(s.memLimitBytes)
                        + " limit since " + Format.clock(s.memHighSince));
            }
            // The learned baselines (once warm): how far this is from normal, and whether it is normal.
            boolean chronic = (!cpu || ctx.normallyAt(s, true, s.cpuLimitMilli * ctx.settings().limitRatio(), since))
                    && (!mem || ctx.normallyAt(s, false, s.memLimitBytes * ctx.settings().limitRatio(), since));
            if (chronic && ctx.settings().anomaly().saturationNeedsDeviation()) {
                continue;
            }
            if (cpu) {
                ctx.usageAgainstBaseline(s, true, s.cpuMilli, since).ifPresent(reasons::add);
            }
            if (mem) {
                ctx.usageAgainstBaseline(s, false, s.memBytes, since).ifPresent(reasons::add);
            }
            if (chronic) {
                reasons.add(def.name() + " ran this close to its limit before " + Format.clock(since)
                        + " too: chronic, not new");
            }
            reasons.add("no restart and no caller symptom: saturated, not failing");
            String what = cpu && mem ? "CPU and memory" : cpu ? "CPU" : "memory";
            String deployment = ctx.deploymentOf(def.name());
            out.add(new Match(signature(), version(), precedence(), FaultType.RESOURCE_SATURATION,
                    new RootCause(def.name(), "Deployment", deployment, what + " at its limit for "
                            + (ctx.now() - since) / 60_000 + " min"),
                    Severity.LOW, chronic ? 0.5 : 0.7, reasons, def.name() + " " + what + " saturated at its limit",
                    def.name() + " has run with " + what + " at its limit since " + Format.clock(since) + " without crashing.",
                    List.of(def.name()), List.of(def.name()), DetectionContext.sorted(evidence), Impact.none(),
                    new Remediation(List.of(ctx.kubectl("set resources deployment/" + deployment
                            + " --limits=" + (cpu ? "cpu=" + Format.cpu(s.cpuLimitMilli * 2) : "memory="
                            + Format.mib(s.memLimitBytes * 1.5)))),
                            List.of("Size " + def.name() + " limits from measured usage with headroom")),
                    since, since + sustain, ctx.now()));
        }
        return out;
    }
}
