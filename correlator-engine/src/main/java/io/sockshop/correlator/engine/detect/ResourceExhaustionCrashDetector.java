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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code resource-exhaustion-crash} (guide incident 1): containers die at their memory limit under
 * load (OOMKilled, exit 137, then CrashLoopBackOff). Root cause: the limit of the service(s) that died
 * in the application's restart episode ({@link ExhaustionEpisode}); one incident names one of them (the
 * entrypoint when it dies too, else the one with the most OOM kills) and lists the others, then the
 * services the same load only slowed. Guards: one
 * isolated restart never matches ({@code exhaustionMinRestarts}); restarts without an OOM kill or memory
 * at the limit are not exhaustion (that is the entrypoint-bottleneck shape or something else).
 */
public final class ResourceExhaustionCrashDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.RESOURCE_EXHAUSTION_CRASH;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 40;
    }

    record Dying(String service, ServiceState state, List<RestartRecord> restarts, int oom) {
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        List<Dying> dying = new ArrayList<>();
        for (ExhaustionEpisode.Crashed c : ExhaustionEpisode.of(ctx).crashed()) {
            boolean enough = c.restarts().size() >= ctx.settings().exhaustionMinRestarts() || c.state().crashLoopSince > 0;
            if (enough && c.atLimit()) {
                dying.add(new Dying(c.service(), c.state(), c.restarts(), c.oom()));
            }
        }
        if (dying.isEmpty()) {
            return List.of();
        }
        String entry = ctx.topology().entrypoint();
        List<String> opened = ctx.openRootCauses(signature());
        // The load comes in through the entrypoint, and its crash is the outage users see: when it dies too,
        // it is the root cause; else the root cause of the open incident stays while it still dies (no
        // flapping between backends), else the service with the most OOM kills, then the most restarts.
        dying.sort(Comparator.comparingInt((Dying d) -> d.service().equals(entry) ? 0 : 1)
                .thenComparingInt(d -> opened.contains(d.service()) ? 0 : 1)
                .thenComparingInt(d -> -d.oom()).thenComparingInt(d -> -d.restarts().size())
                .thenComparing(Dying::service));
        Dying root = dying.get(0);
        ServiceState rs = root.state();
        List<RestartRecord> all = new ArrayList<>();
        Map<String, Integer> byService = new LinkedHashMap<>();
        int oomKills = 0;
        for (Dying d : dying) {
            all.addAll(d.restarts());
            byService.put(d.service(), d.restarts().size());
            oomKills += d.oom();
        }
        all.sort(Comparator.comparingLong(RestartRecord::time));
        long firstSeen = all.get(0).time();
        long lastSeen = all.get(all.size() - 1).time();
        int need = Math.max(1, ctx.settings().exhaustionMinRestarts());
        long detectedAt = all.get(Math.min(need, all.size()) - 1).time();
        for (RestartRecord r : all) {
            if (r.oomKilled()) {
                detectedAt = Math.max(detectedAt, r.time());
                break;
            }
        }
        if (root.state().crashLoopSince > 0) {
            lastSeen = Math.max(lastSeen, root.state().crashLoopSince);
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Dying d : dying) {
            d.restarts().stream().filter(RestartRecord::oomKilled).findFirst().or(() -> d.restarts().stream().findFirst())
                    .ifPresent(r -> evidence.add(new Evidence(Instant.ofEpochMilli(r.time()), SourceType.K8S, d.service(),
                            "container of " + r.pod() + " terminated: " + r.reason() + " (exit " + r.exitCode() + ")",
                            r.eventId() == null ? List.of() : List.of(r.eventId()))));
            DetectionContext.add(evidence, d.state().crashLoop, d.service());
            if (d.state().lastBackOff != null && d.state().lastBackOff.time() >= d.restarts().get(0).time()) {
                DetectionContext.add(evidence, d.state().lastBackOff, d.service());
            }
            DetectionContext.add(evidence, d.state().memHighEvidence, d.service());
            DetectionContext.add(evidence, d.state().cpuHighEvidence, d.service());
        }
        long errors = 0;
        for (var def : ctx.topology().services()) {
            errors += ctx.state(def.name()).errors.between(firstSeen, ctx.now());
        }
        long outage;
        if (rs.unavailable() && rs.unavailableSince > 0) {
            outage = (ctx.now() - rs.unavailableSince) / 1000;
        } else if (rs.outageEnd >= firstSeen) {
            outage = (rs.outageEnd - rs.outageStart) / 1000;
        } else {
            outage = (lastSeen - firstSeen) / 1000;
        }
        outage = Math.max(0, outage);
        List<String> reasons = new ArrayList<>();
        reasons.add(root.service() + " restarted " + root.restarts().size() + " time(s) since " + Format.clock(firstSeen)
                + ", " + root.oom() + " of them OOMKilled (exit 137)");
        if (rs.crashLoopSince > 0) {
            reasons.add(root.service() + " in CrashLoopBackOff since " + Format.clock(rs.crashLoopSince));
        }
        reasons.add(Double.isNaN(rs.memRatio()) && rs.peakMemRatio == 0
                ? "no memory metric for " + root.service() + ": limit comparison not possible"
                : root.service() + " memory peaked at " + Format.percent(rs.peakMemRatio) + " of its limit");
        if (rs.peakCpuRatio > 0) {
            reasons.add(root.service() + " CPU peaked at " + Format.percent(rs.peakCpuRatio) + " of its limit");
        }
        String deployment = ctx.deploymentOf(root.service());
        String limit = rs.memLimitBytes > 0 ? Format.mib(rs.memLimitBytes) : "its";
        RootCause rootCause = new RootCause(root.service(), "Deployment", deployment,
                root.oom() > 0 ? "memory limit " + limit + " exceeded under load: OOMKilled x" + root.oom()
                        : "memory at " + Format.percent(rs.peakMemRatio) + " of its " + limit + " limit when it crashed");
        List<String> affected = new ArrayList<>(byService.keySet());
        ctx.topology().upstreamOf(root.service()).stream().filter(s -> !affected.contains(s)).forEach(affected::add);
        Impact impact = new Impact(all.size(), byService, oomKills, errors, null, null, null, null, outage, null, null);
        Remediation remediation = new Remediation(
                List.of("Reduce the load or " + ctx.kubectl("scale deployment/" + deployment + " --replicas=3"),
                        ctx.kubectl("set resources deployment/" + deployment + " --limits=memory=" + (rs.memLimitBytes > 0
                                ? Format.mib(rs.memLimitBytes * 1.5) : "1500Mi"))),
                List.of("Add a HorizontalPodAutoscaler for " + root.service(),
                        "Size memory limits from load tests with 50% headroom", "Rate-limit requests at the entrypoint"));
        return List.of(new Match(signature(), version(), precedence(), FaultType.RESOURCE_EXHAUSTION, rootCause,
                Severity.CRITICAL, root.oom() > 0 ? 0.9 : 0.7, reasons,
                root.service() + " crashes at its memory limit under load" + (root.oom() > 0 ? " (OOMKilled)" : ""),
                root.service() + " restarted " + root.restarts().size() + " time(s) (" + root.oom()
                        + " OOMKilled) since " + Format.clock(firstSeen) + ", taking down what depends on it.",
                affected, localization(ctx, byService.keySet()), DetectionContext.sorted(evidence), impact, remediation,
                firstSeen, detectedAt, lastSeen));
    }

    /**
     * The dying services first, then those the same load only slowed (latency past the latency
     * signature's ratio now, or an open latency incident): they are one episode, and listing them lets
     * this incident supersede the latency incidents they opened before anything crashed, instead of
     * leaving those standing as separate faults.
     */
    private static List<String> localization(DetectionContext ctx, java.util.Collection<String> dying) {
        List<String> suspects = new ArrayList<>(dying);
        List<String> openLatency = ctx.openRootCauses(Signatures.LATENCY_DEGRADATION);
        for (var def : ctx.topology().services()) {
            String name = def.name();
            if (suspects.contains(name)) {
                continue;
            }
            var ratio = ctx.latencyRatio(ctx.state(name));
            if (openLatency.contains(name) || (ratio.isPresent() && ratio.getAsDouble() >= ctx.settings().latencyRatio())) {
                suspects.add(name);
            }
        }
        return suspects;
    }
}
