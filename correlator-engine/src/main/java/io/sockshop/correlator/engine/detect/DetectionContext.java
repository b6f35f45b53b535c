package io.sockshop.correlator.engine.detect;

import io.sockshop.correlator.engine.app.AppTopology;
import io.sockshop.correlator.engine.state.AppState;
import io.sockshop.correlator.engine.state.EvidenceRef;
import io.sockshop.correlator.engine.state.QueueState;
import io.sockshop.correlator.engine.state.ServiceState;
import io.sockshop.correlator.model.ApplicationKey;
import io.sockshop.correlator.model.finding.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/** What a detector may read: the application, its topology, the settings, the watermark and each service's state. */
public final class DetectionContext {

    private final ApplicationKey application;
    private final AppTopology topology;
    private final DetectionSettings settings;
    private final long now;
    private final Function<String, ServiceState> states;
    private final AppState appState;
    /**
     * The states already looked up in this evaluation: every detector asks for most services, and the
     * detectors only read them, so one look-up (and one empty state for a service never seen) per service
     * serves them all.
     */
    private final java.util.Map<String, ServiceState> looked = new java.util.HashMap<>();

    public DetectionContext(ApplicationKey application, AppTopology topology, DetectionSettings settings, long now,
                            Function<String, ServiceState> states, AppState appState) {
        this.application = application;
        this.topology = topology;
        this.settings = settings;
        this.now = now;
        this.states = states;
        this.appState = appState;
    }

    public ApplicationKey application() {
        return application;
    }

    public AppTopology topology() {
        return topology;
    }

    public DetectionSettings settings() {
        return settings;
    }

    /** The application's watermark: the newest event time seen (epoch ms). */
    public long now() {
        return now;
    }

    /** The state of a service; an empty state when nothing was seen for it. */
    public ServiceState state(String service) {
        ServiceState s = looked.get(service);
        if (s == null) {
            s = states.apply(service);
            if (s == null) {
                s = new ServiceState(service);
                s.latency = settings.baseline();
                settings.anomaly().configure(s);
            }
            looked.put(service, s);
        }
        return s;
    }

    public QueueState queue(String queue) {
        QueueState q = appState.queues.get(queue);
        return q == null ? new QueueState() : q;
    }

    /**
     * Root causes of this application's open incidents of a signature: a detector choosing among several
     * candidates keeps the one it already reported while it still holds, instead of flapping.
     */
    public List<String> openRootCauses(String signature) {
        List<String> out = new ArrayList<>();
        String prefix = signature + "|";
        for (String key : appState.openIncidents) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                out.add(key.substring(prefix.length()));
            }
        }
        return out;
    }

    public long windowStart() {
        return now - settings.restartWindow().toMillis();
    }

    /** Recent latency over baseline, or empty while warming up or without recent samples. */
    public OptionalDouble latencyRatio(ServiceState s) {
        OptionalDouble base = s.latency.baseline(now);
        OptionalDouble recent = s.latency.recent(now);
        if (base.isEmpty() || recent.isEmpty() || base.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(recent.getAsDouble() / base.getAsDouble());
    }

    /**
     * What the learned baseline says about a service's CPU or memory before {@code since}, for the reasons of
     * limit-based signatures: empty while the baseline warms up, so their findings read as before until then.
     */
    public java.util.Optional<String> usageAgainstBaseline(ServiceState s, boolean cpu, double current, long since) {
        var b = cpu ? s.cpuUsage : s.memUsage;
        var ref = b.reference(now, since, settings.anomaly().warmupSlots());
        if (!ref.warm() || Double.isNaN(current)) {
            return java.util.Optional.empty();
        }
        String what = cpu ? "CPU" : "memory";
        String level = cpu ? Format.cpu(ref.level()) : Format.mib(ref.level());
        String usage = cpu ? Format.cpu(current) : Format.mib(current);
        return java.util.Optional.of(s.service + " " + what + " " + usage + " is " + Format.ratio(current / Math.max(1e-9, ref.level()))
                + " its learned baseline of " + level);
    }

    /**
     * A service's CPU over its learned baseline when it is far above it (the anomaly bars: ratio and minimum
     * step) over the recent latency window; empty otherwise or while the baseline warms up.
     */
    public OptionalDouble cpuOverBaseline(ServiceState s) {
        var a = settings.anomaly();
        long recent = Math.max(settings.baselineRecent().toMillis(), a.slot().toMillis());
        var ref = s.cpuUsage.reference(now, now - recent + a.slot().toMillis(), a.warmupSlots());
        double usage = s.cpuUsage.recentMean(now, (int) Math.max(1, recent / a.slot().toMillis()));
        if (!ref.warm() || Double.isNaN(usage) || usage < a.cpuRatio() * ref.level()
                || usage - ref.level() < a.cpuMinMillicores()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(usage / Math.max(1e-9, ref.level()));
    }

    /** Whether a service's learned baseline of CPU or memory was already at {@code level} before {@code since} (chronic). */
    public boolean normallyAt(ServiceState s, boolean cpu, double level, long since) {
        var ref = (cpu ? s.cpuUsage : s.memUsage).reference(now, since, settings.anomaly().warmupSlots());
        return ref.warm() && ref.level() >= level;
    }

    public static Evidence evidence(EvidenceRef ref, String service) {
        return new Evidence(Instant.ofEpochMilli(ref.time()), ref.source(), service, ref.summary(),
                ref.eventId() == null ? List.of() : List.of(ref.eventId()));
    }

    /** Adds the evidence when it exists. */
    public static void add(List<Evidence> out, EvidenceRef ref, String service) {
        if (ref != null) {
            out.add(evidence(ref, service));
        }
    }

    public static List<Evidence> sorted(List<Evidence> evidence) {
        List<Evidence> copy = new ArrayList<>(evidence);
        copy.sort(java.util.Comparator.comparing(Evidence::time).thenComparing(Evidence::summary));
        return copy;
    }

    /** "kubectl -n <namespace> ..." for remediation lines. */
    public String kubectl(String args) {
        return "kubectl -n " + application.namespace() + " " + args;
    }

    public String deploymentOf(String service) {
        return topology.service(service).map(d -> d.deployments().get(0)).orElse(service);
    }
}
