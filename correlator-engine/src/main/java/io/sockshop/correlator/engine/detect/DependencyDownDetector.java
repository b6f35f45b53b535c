package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.finding.Evidence;
import io.sockshop.correlator.model.finding.FailedOrders;
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

/**
 * {@code dependency-down-inconsistency} (guide incident 3): a callee has no available replica while
 * its callers fail calls toward it, and business transactions end in a failed state. Guards: a
 * service nobody complains about (scale-down of an unused service) and a Deployment that stays
 * available (rolling update) never match, nor does a callee that is unavailable because it crashes at
 * its memory limit in the current restart episode (that is resource exhaustion, not a dependency that
 * went away; a scale to 0 stays this signature's).
 */
public final class DependencyDownDetector implements Detector {

    @Override
    public String signature() {
        return Signatures.DEPENDENCY_DOWN_INCONSISTENCY;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int precedence() {
        return 10;
    }

    @Override
    public List<Match> evaluate(DetectionContext ctx) {
        List<Match> out = new ArrayList<>();
        ExhaustionEpisode episode = null;
        for (var def : ctx.topology().services()) {
            ServiceState callee = ctx.state(def.name());
            long since = callee.outageSince(ctx.now(), ctx.settings().activeWindow().toMillis());
            if (since == 0) {
                continue;
            }
            if (callee.desiredAtOutage != 0) {
                episode = episode == null ? ExhaustionEpisode.of(ctx) : episode;
                if (episode.crashedAtLimit(def.name())) {
                    continue; // not taken away: it crashes at its limit (resource-exhaustion-crash names it)
                }
            }
            Match m = match(ctx, def.name(), callee, since);
            if (m != null) {
                out.add(callee.unavailable() ? m : m.recovering());
            }
        }
        return out;
    }

    private Match match(DetectionContext ctx, String calleeName, ServiceState callee, long since) {
        long until = callee.outageUntil(since, ctx.now());
        long from = since - ctx.settings().dependencyErrorLookback().toMillis();
        List<String> complaining = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        DetectionContext.add(evidence, callee.unavailableEvidence, calleeName);
        DetectionContext.add(evidence, callee.scaledToZero, calleeName);
        long errors = 0;
        long detected = Long.MAX_VALUE;
        long last = since;
        List<ServiceState.FailedItem> failed = new ArrayList<>();
        long refusals = 0;
        for (String caller : ctx.topology().callers(calleeName)) {
            ServiceState c = ctx.state(caller);
            if (c.dependencyErrorLast < from) {
                continue;
            }
            long toward = c.refusedByCallee.getOrDefault(calleeName, 0L);
            long unknown = c.refusedByCallee.getOrDefault("", 0L);
            boolean onlyDownCallee = ctx.topology().callees(caller).stream()
                    .filter(other -> !other.equals(calleeName)).noneMatch(other -> ctx.state(other).unavailable());
            if (toward == 0 && !(unknown > 0 && onlyDownCallee)) {
                continue;
            }
            complaining.add(caller);
            refusals += toward + (onlyDownCallee ? unknown : 0);
            errors += c.errors.between(from, until);
            detected = Math.min(detected, Math.max(since, c.dependencyErrorFirst));
            last = Math.max(last, c.dependencyErrorLast);
            DetectionContext.add(evidence, c.dependencyErrorEvidence, caller);
            for (ServiceState.FailedItem f : c.failed) {
                if (f.time() >= from && f.time() <= until + ctx.settings().dependencyErrorLookback().toMillis()) {
                    failed.add(f);
                }
            }
        }
        if (complaining.isEmpty()) {
            return null;
        }
        failed.sort(java.util.Comparator.comparingLong(ServiceState.FailedItem::time));
        FailedOrders failedOrders = null;
        if (!failed.isEmpty()) {
            ServiceState.FailedItem first = failed.get(0);
            ServiceState.FailedItem lastFailed = failed.get(failed.size() - 1);
            failedOrders = new FailedOrders((long) failed.size(),
                    failed.stream().map(ServiceState.FailedItem::id).filter(java.util.Objects::nonNull).toList(),
                    Instant.ofEpochMilli(first.time()), Instant.ofEpochMilli(lastFailed.time()));
            last = Math.max(last, lastFailed.time());
            evidence.add(new Evidence(Instant.ofEpochMilli(first.time()), SourceType.LOG, complaining.get(0),
                    "first failed transaction: " + (first.id() == null ? "" : first.id() + " ") + "ended " + first.status(),
                    first.eventId() == null ? List.of() : List.of(first.eventId())));
        }
        boolean moneyAtRisk = failedOrders != null;
        List<String> affected = new ArrayList<>();
        affected.add(calleeName);
        affected.addAll(complaining);
        ctx.topology().upstreamOf(calleeName).stream().filter(s -> !affected.contains(s)).forEach(affected::add);
        List<String> reasons = new ArrayList<>();
        reasons.add(callee.unavailable()
                ? calleeName + " has 0 of " + Math.max(callee.desiredAtOutage, 0) + " desired replicas available since " + Format.clock(since)
                : calleeName + " had no available replica from " + Format.clock(since) + " to " + Format.clock(until));
        reasons.add(String.join(", ", complaining) + " logged " + refusals + " failed call(s) toward " + calleeName);
        reasons.add(moneyAtRisk ? failed.size() + " transaction(s) ended in a failed payment state"
                : "no failed transaction logged yet: money at risk not established");
        double confidence = moneyAtRisk ? 0.9 : 0.75;
        int failedCount = failed.size();
        String deployment = ctx.deploymentOf(calleeName);
        String why = callee.desiredAtOutage == 0 ? "Deployment scaled to 0 replicas: no endpoint accepts connections"
                : "no available replica (" + callee.desiredAtOutage + " desired): no endpoint accepts connections";
        RootCause rootCause = new RootCause(calleeName, "Deployment", deployment, why);
        String title = calleeName + " unavailable: " + String.join(", ", complaining)
                + (moneyAtRisk ? " fail transactions (money at risk)" : " fail calls toward it");
        String summary = calleeName + " has no available replica since " + Format.clock(since) + "; "
                + String.join(", ", complaining) + " could not reach it"
                + (moneyAtRisk ? " and " + failedCount + " transaction(s) ended in a failed payment state." : ".");
        List<String> immediate = new ArrayList<>();
        immediate.add(ctx.kubectl("scale deployment/" + deployment + " --replicas=1"));
        if (moneyAtRisk) {
            immediate.add("Reconcile the " + failedCount + " failed transaction(s) with the payment provider before refunding or fulfilling");
        }
        Remediation remediation = new Remediation(immediate, List.of(
                "Run " + calleeName + " with at least 2 replicas and a PodDisruptionBudget",
                "Retry calls to " + calleeName + " with idempotency keys and keep transactions pending instead of failing them",
                "Reconcile transaction states daily against the provider"));
        Impact impact = new Impact(null, null, null, errors, failedOrders, moneyAtRisk ? Boolean.TRUE : null, null, null,
                Math.max(0, (until - since) / 1000), null, null);
        long detectedAt = detected == Long.MAX_VALUE ? since : detected;
        return new Match(signature(), version(), precedence(), FaultType.DEPENDENCY_UNAVAILABLE, rootCause,
                moneyAtRisk ? Severity.CRITICAL : Severity.HIGH, confidence, reasons, title, summary, affected,
                localization(calleeName, complaining), DetectionContext.sorted(evidence), impact, remediation,
                since, detectedAt, last);
    }

    private static List<String> localization(String callee, List<String> complaining) {
        List<String> out = new ArrayList<>();
        out.add(callee);
        out.addAll(complaining);
        return out;
    }
}
