package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.detect.Deviation.Resource;
import io.sockshop.correlator.engine.detect.SuspectRanking.Suspect;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.Robust;
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
import java.util.Optional;

/**
 * {@code resource-anomaly}: a service's CPU or memory far above its own learned baseline for a sustained
 * stretch, limit or no limit (see {@link AnomalySettings} for "far" and "sustained"). When several services
 * deviate, they are ranked as suspects ({@link SuspectRanking}): the localization lists them best first and
 * the root cause is the first (or the one already reported while it still deviates). The least specific
 * signature: anything that explains the service better suppresses or supersedes it. Guards: a baseline still
 * warming up gives no verdict; a load that lifts everything a little stays under the bars; a short spike is
 * under the sustain time; memory reset by a restart is below its baseline; an idle night is below it, and the
 * long-term tier remembers the busy hours when the morning comes.
 */
public final class ResourceAnomalyDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.RESOURCE_ANOMALY;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 80;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        AnomalySettings a = ctx.settings().anomaly();
        List<Deviation> deviations = new ArrayList<>();
        List<String> learning = new ArrayList<>();
        int judged = 0;
        List<String> lifted = new ArrayList<>();
        for (var def : ctx.topology().services()) {
            ServiceState s = ctx.state(def.name());
            var reference = s.cpuUsage.reference(ctx.now(), ctx.now() - a.sustain().toMillis() + a.slot().toMillis(),
                    a.warmupSlots());
            if (reference.warm()) {
                judged++;
                if (s.cpuUsage.recentMean(ctx.now(), a.sustainSlots()) >= a.cpuRatio() * reference.level()) {
                    lifted.add(def.name());
                }
            }
            Optional<Deviation> cpu = Deviation.judge(def.name(), Resource.CPU, s.cpuUsage, ctx.now(), a);
            Optional<Deviation> mem = Deviation.judge(def.name(), Resource.MEMORY, s.memUsage, ctx.now(), a);
            if (cpu.isPresent() || mem.isPresent()) {
                deviations.add(cpu.isEmpty() ? mem.get() : mem.isEmpty() || cpu.get().size() >= mem.get().size()
                        ? cpu.get() : mem.get());
            } else if (!s.cpuUsage.pods().isEmpty() && !s.cpuUsage.reference(ctx.now(), ctx.now(), a.warmupSlots()).warm()) {
                learning.add(def.name());
            }
        }
        if (deviations.isEmpty()) {
            return List.of();
        }
        // The entrypoint busier and most services with it (CPU at the ratio bar, small services included):
        // more traffic, not one service's fault. The load signatures (latency, crashes) speak for it if it hurts.
        if (lifted.contains(ctx.topology().entrypoint()) && lifted.size() >= a.surgeShare() * judged) {
            return List.of();
        }
        List<Suspect> ranked = new ArrayList<>(SuspectRanking.rank(deviations, ctx.topology(), a.slot().toMillis()));
        // Keep the root cause already reported while it still deviates: a new ranking must not open a second incident.
        List<String> open = ctx.openRootCauses(signature());
        ranked.stream().filter(x -> open.contains(x.service())).findFirst().ifPresent(x -> {
            ranked.remove(x);
            ranked.add(0, x);
        });
        return List.of(match(ctx, ranked, learning));
    }

    private Match match(DetectionContext ctx, List<Suspect> ranked, List<String> learning) {
        AnomalySettings a = ctx.settings().anomaly();
        Deviation root = ranked.get(0).deviation();
        ServiceState rs = ctx.state(root.service());
        List<String> suspects = ranked.stream().map(Suspect::service).toList();
        List<String> reasons = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Suspect x : ranked) {
            Deviation d = x.deviation();
            reasons.add(describe(d) + (x.explained() ? ": follows a deviating dependency" : ""));
            ServiceState s = ctx.state(d.service());
            EvidenceRef sample = d.resource() == Resource.CPU ? s.cpuSample : s.memSample;
            // The newest sample is the record cited: the evidence carries its time, the summary the stretch.
            boolean cited = sample != null && sample.eventId() != null && sample.time() >= d.start();
            evidence.add(new Evidence(Instant.ofEpochMilli(cited ? sample.time() : d.start()),
                    SourceType.METRIC, d.service(), describe(d),
                    cited ? List.of(sample.eventId()) : List.of()));
        }
        ctx.latencyRatio(rs).ifPresent(r -> {
            if (r >= 1.5) {
                reasons.add(root.service() + " latency " + Format.ratio(r) + " its baseline");
            }
        });
        errorRate(ctx, rs, root.start()).ifPresent(reasons::add);
        int historyMinutes = (int) Math.min(Integer.MAX_VALUE,
                (root.reference().slots() * a.slot().toMillis()) / 60_000);
        reasons.add("baseline " + root.format(root.reference().level()) + " learned from " + root.reference().slots()
                + " slot(s) of " + Format.duration(a.slot()) + (root.reference().spans() > 0 ? " and "
                + root.reference().spans() + " older span(s)" : "") + " (about " + historyMinutes + " min)");
        double confidence = 0.6 + 0.2 * Math.min(1.0, root.reference().slots() / (double) a.historySlots());
        if (root.reference().spans() >= 2) {
            confidence += 0.1;
        }
        if (!learning.isEmpty()) {
            confidence -= 0.1;
            reasons.add("still learning the baseline of " + String.join(", ", learning.subList(0, Math.min(5, learning.size())))
                    + (learning.size() > 5 ? " and " + (learning.size() - 5) + " more" : "") + ": not judged");
        }
        if (root.limit(rs) > 0) {
            reasons.add(root.service() + " " + root.resource().label() + " limit " + root.format(root.limit(rs)));
        } else {
            reasons.add(root.service() + " has no " + root.resource().label() + " limit: nothing caps it");
        }
        String deployment = ctx.deploymentOf(root.service());
        String what = root.resource().label();
        Severity severity = root.size() >= 3 ? Severity.HIGH : Severity.MEDIUM;
        Remediation remediation = root.resource() == Resource.CPU
                ? new Remediation(List.of(ctx.kubectl("top pod " + (root.pod().isEmpty()
                        ? "-l " + ctx.topology().podLabel() + "=" + root.service() : root.pod()))),
                        List.of("Find what changed on " + root.service() + " (a deployment, a runaway job, a hot loop)",
                                "Set a CPU limit on " + root.service() + " from its learned baseline, so a runaway process is throttled"))
                : new Remediation(List.of(ctx.kubectl("rollout restart deployment/" + deployment)),
                        List.of("Profile " + root.service() + "'s memory: usage grows past its normal working set",
                                "Set a memory limit on " + root.service() + " from its learned baseline, so a leak ends in a visible OOM kill"));
        return new Match(signature(), version(), precedence(), FaultType.RESOURCE_ANOMALY,
                new RootCause(root.service(), "Deployment", deployment, what + " " + root.format(root.stretch().recent())
                        + ", " + Format.ratio(root.ratio()) + " its baseline of " + root.format(root.reference().level())
                        + " since " + Format.clock(root.start())),
                severity, Format.round(Math.max(0.3, Math.min(0.9, confidence))), reasons,
                root.service() + " " + what + " " + Format.ratio(root.ratio()) + " its learned baseline",
                root.service() + " has used " + root.format(root.stretch().recent()) + " " + what + " since "
                        + Format.clock(root.start()) + ", against a normal of " + root.format(root.reference().level())
                        + (suspects.size() > 1 ? "; also deviating: " + String.join(", ", suspects.subList(1, suspects.size())) : "")
                        + ".",
                suspects, suspects, DetectionContext.sorted(evidence), Impact.none(), remediation,
                root.start(), root.start() + a.sustain().toMillis(), ctx.now());
    }

    private static String describe(Deviation d) {
        return d.service() + (d.pod().isEmpty() ? "" : " (pod " + d.pod() + ")") + " " + d.resource().label() + " "
                + d.format(d.stretch().recent()) + " since " + Format.clock(d.start()) + ", " + Format.ratio(d.ratio())
                + " its baseline of " + d.format(d.reference().level()) + " (bar " + d.format(d.bar()) + ")";
    }

    /** Errors per minute since the deviation began against the minutes before it, when they rose. */
    private static Optional<String> errorRate(DetectionContext ctx, ServiceState s, long since) {
        long minute = 60_000L;
        long first = Math.max(ctx.now() - 59 * minute, s.cpuUsage.oldest(ctx.now()));
        int before = (int) ((since - first) / minute);
        if (first <= 0 || before < 3) {
            return Optional.empty();
        }
        double[] counts = new double[before];
        for (int i = 0; i < before; i++) {
            long m = first + i * minute;
            counts[i] = s.errors.between(m, m);
        }
        double usual = Robust.median(counts, before);
        double minutes = Math.max(1, (ctx.now() - since) / (double) minute);
        double recent = s.errors.between(since, ctx.now()) / minutes;
        return recent >= 2 * usual + 1 ? Optional.of(s.service + " errors " + Math.round(recent) + "/min, usually "
                + Math.round(usual) + "/min") : Optional.empty();
    }
}
