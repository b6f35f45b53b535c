package io.sockshop.correlator.sandbox.behaviour;

/**
 * The load physics of one service: demand from its request rate, CPU limited (throttled) at its
 * limit, a backlog that grows while demand exceeds the limit, latency from utilisation and backlog,
 * and memory that follows utilisation and grows with the backlog until the memory limit kills it.
 */
public final class ServiceLoad {

    private static final double MEMORY_SETTLE_SECONDS = 3;
    /** A health endpoint does almost nothing: it is slow only when the process is starved or queued. */
    private static final double PROBE_MS = 5;

    private final ServiceProfile profile;
    private double backlog;
    private double restingMemoryMi;
    private double cpuMillis;
    private double utilisation;
    private double throttledRatio;
    private double latencyMs;
    private double probeLatencyMs;
    private double arrivalRps;
    private double servedRps;

    public ServiceLoad(ServiceProfile profile) {
        this.profile = profile;
        this.restingMemoryMi = profile.baseMemoryMi();
        this.cpuMillis = profile.baseCpuMillis();
        this.latencyMs = profile.baseLatencyMs();
    }

    /**
     * @param arrivalRps        requests per second reaching the service
     * @param cpuLimitMillis    the container's CPU limit, or null (then the node's CPU)
     * @param memoryLimitMi     the container's memory limit, or null
     * @param downstreamMs      latency the service waits for on its own calls
     */
    public void update(double arrivalRps, Double cpuLimitMillis, Double memoryLimitMi, double downstreamMs, double dt) {
        this.arrivalRps = arrivalRps;
        double capacity = cpuLimitMillis != null ? cpuLimitMillis : ServiceProfile.NODE_CPU_MILLIS;
        double demand = profile.baseCpuMillis() + profile.cpuMillisPerRps() * arrivalRps;
        utilisation = demand / capacity;
        servedRps = utilisation <= 1 ? arrivalRps : arrivalRps / utilisation;
        if (utilisation > 1) {
            backlog += (arrivalRps - servedRps) * dt;
        } else {
            double maxRps = profile.cpuMillisPerRps() > 0
                    ? Math.max(0, capacity - profile.baseCpuMillis()) / profile.cpuMillisPerRps() : backlog / dt;
            backlog = Math.max(0, backlog - Math.max(maxRps - arrivalRps, 0) * dt);
        }
        cpuMillis = Math.min(demand, capacity);
        throttledRatio = utilisation > 1 ? 1 - 1 / utilisation : Math.max(0, (utilisation - 0.9) * 2);
        double queueWaitMs = backlog <= 0 ? 0 : backlog / Math.max(servedRps, 0.1) * 1000;
        double busy = 1 / (1 - Math.min(utilisation, 0.95));
        latencyMs = profile.baseLatencyMs() * (profile.entrypoint() ? busy : busy * busy) + queueWaitMs + downstreamMs;
        probeLatencyMs = PROBE_MS * busy + queueWaitMs;
        double ceiling = memoryLimitMi != null ? memoryLimitMi : profile.baseMemoryMi() * 3;
        double target = profile.baseMemoryMi()
                + (ceiling - profile.baseMemoryMi()) * 0.75 * Math.pow(Math.min(utilisation, 1), 3);
        restingMemoryMi += (target - restingMemoryMi) * Math.min(1, dt / MEMORY_SETTLE_SECONDS);
    }

    /** Memory at or over the limit: the kernel OOM-kills the container. */
    public boolean outOfMemory(Double memoryLimitMi) {
        return memoryLimitMi != null && memoryMi() >= memoryLimitMi;
    }

    /** A restarted container starts from nothing: no backlog, memory at rest. */
    public void restart() {
        backlog = 0;
        restingMemoryMi = profile.baseMemoryMi();
        latencyMs = profile.baseLatencyMs();
        probeLatencyMs = 0;
    }


    public ServiceProfile profile() {
        return profile;
    }

    /** Working set: memory at rest for the current utilisation, plus what the backlog holds. */
    public double memoryMi() {
        return restingMemoryMi + backlog * profile.memoryMiPerQueued();
    }

    public double cpuMillis() {
        return cpuMillis;
    }

    public double utilisation() {
        return utilisation;
    }

    public double throttledRatio() {
        return throttledRatio;
    }

    public double latencyMs() {
        return latencyMs;
    }

    /** How long a probe of the service's own health endpoint takes now. */
    public double probeLatencyMs() {
        return probeLatencyMs;
    }

    public double arrivalRps() {
        return arrivalRps;
    }

    public double servedRps() {
        return servedRps;
    }

    public double backlog() {
        return backlog;
    }
}
